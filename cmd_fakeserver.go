package main

import (
	"fmt"
	"io"
	"time"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/fakeserver/backend"
	"loyaltydesk/apiclient/fakeserver/imonggofake"
)

func fakeServerCommand(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("fake-server", "Serve the fake loyalty API (POST / and /api.php) and the fake Imonggo API (/api/customers.xml)", stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` (keep it on loopback)")
	customers := fs.Int("customers", 2000, "number of fake customers")
	seed := fs.Uint64("seed", 1, "seed of the fake data")
	live := fs.Bool("live", false, "add transactions and customers every few seconds")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := untilInterrupted()
	defer stop()
	every := time.Duration(0)
	if *live {
		every = 2 * time.Second
	}
	backend, err := backend.Start(ctx, backend.Options{Addr: *addr, Seed: *seed, Customers: *customers, Live: every, UserAgent: demoUserAgent})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Fake loyalty API at %s (also %s/api.php)\n", backend.URL, backend.URL)
	fmt.Fprintf(stdout, "  user_id=%s user_password=%s account_id=%s\n", fakeserver.DemoUserID, fakeserver.DemoPassword, fakeserver.DemoAccountID)
	fmt.Fprintf(stdout, "Fake Imonggo API at %s/api/customers.xml (curl -u %s:X)\n", backend.URL, imonggofake.DemoToken)
	fmt.Fprintf(stdout, "Try: curl -d user_id=%s -d user_password=%s -d account_id=%s -d type=reports -d report=customers_all %s\n",
		fakeserver.DemoUserID, fakeserver.DemoPassword, fakeserver.DemoAccountID, backend.URL)
	fmt.Fprintln(stdout, "Press Ctrl-C to stop.")
	<-ctx.Done()
	fmt.Fprintln(stdout, "Stopping.")
	return backend.Close()
}
