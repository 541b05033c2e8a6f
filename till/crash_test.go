package till_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/till"
)

// The crash test runs the till in child processes (this test binary again)
// and kills them with SIGKILL: no Close, no deferred code, as when a till
// loses power.
const (
	envChild = "LOYALTYDESK_TILL_CRASH_CHILD"
	envDir   = "LOYALTYDESK_TILL_CRASH_DIR"
	envURL   = "LOYALTYDESK_TILL_CRASH_URL"
)

var crashRefs = []string{"till-9 #CR01", "till-9 #CR02", "till-9 #CR03"}

func client(url string) *apiclient.Client {
	c, err := apiclient.New(apiclient.Options{BaseURL: url, Timeout: 5 * time.Second,
		Credentials: apiclient.Credentials{UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID}})
	if err != nil {
		panic(err)
	}
	return c
}

func crashAction(ref string) till.Action {
	return till.Action{Kind: till.Earn, Ref: ref, CustomerCode: fakeserver.DemoCode, CampaignID: fakeserver.PointsCampaignID,
		CampaignType: "points", Amount: 1000, What: "sale of 10.00", At: time.Now()}
}

// TestQueueCrashChild is the child's side; it does nothing in a normal run.
func TestQueueCrashChild(t *testing.T) {
	switch os.Getenv(envChild) {
	case "queue":
		childQueue(t)
	case "drain":
		childDrain(t)
	default:
		t.Skip("runs only as the crash test's child")
	}
}

// childQueue earns three sales with the server unreachable: each goes into
// the outbox as the till panel does, then the child waits to be killed.
func childQueue(t *testing.T) {
	ob, err := till.OpenOutbox(os.Getenv(envDir))
	require.NoError(t, err)
	svc := till.API{Client: client(os.Getenv(envURL))}
	for _, ref := range crashRefs {
		a := crashAction(ref)
		r := till.Perform(context.Background(), svc, a)
		require.True(t, r.Offline(), "outcome %v: %v", r.Outcome, r.Err)
		require.NoError(t, ob.Add(a))
	}
	fmt.Println("QUEUED")
	select {}
}

// childDrain sends the queue; right after the server has the second sale,
// before the outbox hears of it, the child says so and waits to be killed.
func childDrain(t *testing.T) {
	ob, err := till.OpenOutbox(os.Getenv(envDir))
	require.NoError(t, err)
	svc := &stallAfter{Service: till.API{Client: client(os.Getenv(envURL))}, n: 2}
	ob.Drain(context.Background(), svc)
	t.Fatal("the drain should have stalled")
}

type stallAfter struct {
	till.Service
	n, sends int
}

func (s *stallAfter) Send(ctx context.Context, a till.Action) (string, error) {
	id, err := s.Service.Send(ctx, a)
	if s.sends++; s.sends == s.n {
		fmt.Println("SENT", a.Ref)
		select {}
	}
	return id, err
}

// runChild starts a child and waits for its line, then kills it.
func runChild(t *testing.T, mode, dir, url, want string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestQueueCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), envChild+"="+mode, envDir+"="+dir, envURL+"="+url)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	sc := bufio.NewScanner(out)
	seen := false
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), want) {
			seen = true
			break
		}
	}
	require.NoError(t, cmd.Process.Kill()) // SIGKILL: no clean close
	_ = cmd.Wait()
	require.True(t, seen, "the child never printed %q", want)
}

func TestQueueSurvivesCrashesAndLandsEachOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	fake := fakeserver.New(fakeserver.Options{Customers: -1})
	srv := httptest.NewServer(fake)
	defer srv.Close()

	runChild(t, "queue", dir, "http://127.0.0.1:1", "QUEUED") // port 1: nothing listens
	for _, ref := range crashRefs {
		assert.Zero(t, fake.CountAuthorization(fakeserver.DemoCode, ref))
	}

	runChild(t, "drain", dir, srv.URL, "SENT "+crashRefs[1])
	assert.Equal(t, 1, fake.CountAuthorization(fakeserver.DemoCode, crashRefs[0]))
	assert.Equal(t, 1, fake.CountAuthorization(fakeserver.DemoCode, crashRefs[1]), "on the server, but the child died before it could note it")

	ob, err := till.OpenOutbox(dir) // the restart
	require.NoError(t, err)
	defer ob.Close()
	pending, err := ob.Pending()
	require.NoError(t, err)
	require.Len(t, pending, 2)
	rep := ob.Drain(context.Background(), till.API{Client: client(srv.URL)})
	require.NoError(t, rep.Stopped)
	require.Len(t, rep.Found, 1, "the second was found by its reference and not sent again")
	require.Len(t, rep.Sent, 1)
	for _, ref := range crashRefs {
		assert.Equal(t, 1, fake.CountAuthorization(fakeserver.DemoCode, ref), "%s landed exactly once", ref)
	}
	assert.Zero(t, ob.Count())
}
