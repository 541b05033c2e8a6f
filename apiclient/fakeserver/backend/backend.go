// Package backend runs the fake loyalty API with the fake Imonggo API
// mounted beside it on one loopback listener: the backend of `loyaltydesk
// demo`, `fake-server`, `serve --demo` and the headless commands' --demo.
package backend

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

// Options configure the fake servers.
type Options struct {
	Addr      string // a loopback address, such as 127.0.0.1:0
	Seed      uint64
	Customers int
	Live      time.Duration // 0: no live simulator
	// UserAgent is given to the demo clients.
	UserAgent string
}

// Backend is a running fake loyalty API with the Imonggo fake mounted
// on the same listener at /api/.
type Backend struct {
	URL     string
	Loyalty *fakeserver.Server
	Imonggo *imonggofake.Server
	server  *http.Server
	done    chan error

	userAgent string

	closeOnce sync.Once
	closeErr  error
}

// Start listens on opts.Addr and serves until Close; the live simulator
// runs until ctx ends.
func Start(ctx context.Context, opts Options) (*Backend, error) {
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("fake server: %w", err)
	}
	loyalty := fakeserver.New(fakeserver.Options{Seed: opts.Seed, Customers: opts.Customers})
	imonggo := imonggofake.New(imonggofake.Options{Seed: int64(opts.Seed), Codes: []string{fakeserver.DemoCode, fakeserver.DemoCode2, fakeserver.DemoNoCardCode}})
	loyalty.Mount("/api/", imonggo)
	b := &Backend{
		URL:     "http://" + ln.Addr().String(),
		Loyalty: loyalty,
		Imonggo: imonggo,
		server:  &http.Server{Handler: loyalty, ReadHeaderTimeout: 10 * time.Second},
		done:    make(chan error, 1),

		userAgent: opts.UserAgent,
	}
	go func() { b.done <- b.server.Serve(ln) }()
	if opts.Live > 0 {
		go loyalty.RunLive(ctx, opts.Live)
	}
	return b, nil
}

// Close stops the server, letting requests in flight finish briefly. It
// may be called more than once.
func (b *Backend) Close() error {
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

// DemoImonggo is an Imonggo client for the fake POS, named "demo" so its
// sync state outlives the fake's random port.
func (b *Backend) DemoImonggo() (*imonggo.Client, error) {
	return imonggo.New(imonggo.Options{Account: "demo", BaseURL: b.URL + "/api/", Token: imonggofake.DemoToken})
}

// DemoClient is an API client for the demo account of the fake server.
func (b *Backend) DemoClient() (*apiclient.Client, error) {
	return apiclient.New(apiclient.Options{
		BaseURL: b.URL,
		Credentials: apiclient.Credentials{
			UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID,
		},
		UserAgent: b.userAgent,
	})
}
