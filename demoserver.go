package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/fakeserver/imonggofake"
	"loyaltydesk/apiclient/imonggo"
)

// fakeOptions configure the fake servers of the demo and of fake-server.
type fakeOptions struct {
	addr      string
	seed      uint64
	customers int
	live      time.Duration // 0: no live simulator
}

// fakeBackend is a running fake loyalty API with the Imonggo fake mounted
// on the same listener at /api/.
type fakeBackend struct {
	URL     string
	Loyalty *fakeserver.Server
	Imonggo *imonggofake.Server
	server  *http.Server
	done    chan error

	closeOnce sync.Once
	closeErr  error
}

// startFake listens on opts.addr (a loopback port) and serves until Close
// or ctx ends.
func startFake(ctx context.Context, opts fakeOptions) (*fakeBackend, error) {
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return nil, fmt.Errorf("fake server: %w", err)
	}
	loyalty := fakeserver.New(fakeserver.Options{Seed: opts.seed, Customers: opts.customers})
	imonggo := imonggofake.New(imonggofake.Options{Seed: int64(opts.seed), Codes: []string{fakeserver.DemoCode, fakeserver.DemoCode2, fakeserver.DemoNoCardCode}})
	loyalty.Mount("/api/", imonggo)
	b := &fakeBackend{
		URL:     "http://" + ln.Addr().String(),
		Loyalty: loyalty,
		Imonggo: imonggo,
		server:  &http.Server{Handler: loyalty, ReadHeaderTimeout: 10 * time.Second},
		done:    make(chan error, 1),
	}
	go func() { b.done <- b.server.Serve(ln) }()
	if opts.live > 0 {
		go loyalty.RunLive(ctx, opts.live)
	}
	return b, nil
}

// Close stops the server, letting requests in flight finish briefly. It
// may be called more than once.
func (b *fakeBackend) Close() error {
	b.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		b.closeErr = b.server.Shutdown(ctx)
		if serveErr := <-b.done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
			b.closeErr = serveErr
		}
	})
	return b.closeErr
}

// demoImonggo is an Imonggo client for the fake POS, named "demo" so its
// sync state outlives the fake's random port.
func (b *fakeBackend) demoImonggo() (*imonggo.Client, error) {
	return imonggo.New(imonggo.Options{Account: "demo", BaseURL: b.URL + "/api/", Token: imonggofake.DemoToken})
}

// demoClient is an API client for the demo account of the fake server.
func (b *fakeBackend) demoClient() (*apiclient.Client, error) {
	return apiclient.New(apiclient.Options{
		BaseURL: b.URL,
		Credentials: apiclient.Credentials{
			UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID,
		},
		UserAgent: "loyaltydesk/" + version + " (demo)",
	})
}
