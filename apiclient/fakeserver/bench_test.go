package fakeserver_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
)

func BenchmarkSeed100k(b *testing.B) {
	now := func() time.Time { return testNow }
	for b.Loop() {
		fakeserver.New(fakeserver.Options{Customers: 100_000, Now: now})
	}
}

// BenchmarkReport100k streams the customers report of 100,000 customers
// through real HTTP into the client.
func BenchmarkReport100k(b *testing.B) {
	srv := fakeserver.New(fakeserver.Options{Customers: 100_000, Now: func() time.Time { return testNow }})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, f := range formats {
		b.Run(f.String(), func(b *testing.B) {
			c, err := apiclient.New(apiclient.Options{BaseURL: ts.URL, Credentials: demoCreds(), Format: f})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				n := 0
				err := c.CustomersReport(context.Background(), apiclient.ReportFilter{}, func(apiclient.Customer) error {
					n++
					return nil
				})
				if err != nil || n != 100_000 {
					b.Fatalf("%d customers, %v", n, err)
				}
			}
		})
	}
}
