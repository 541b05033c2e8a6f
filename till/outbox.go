package till

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// OutboxFile is the outbox's file name in the state dir.
const OutboxFile = "till-outbox.db"

var (
	bucketPending = []byte("pending")
	bucketRefused = []byte("refused")
)

// ErrRedeemOffline is the answer to queueing a redeem: offline the balance
// is unknown, so a reward cannot be promised.
var ErrRedeemOffline = errors.New("a redemption cannot wait for the server: the balance is unknown offline")

// ErrOutboxBusy is an outbox another running loyaltydesk holds.
var ErrOutboxBusy = errors.New("another loyaltydesk on this machine holds the till queue")

// Outbox is the durable queue of earns made while the server could not be
// reached: a bbolt file in the state dir (mode 0600). An action is
// committed to disk before Add returns, and leaves the file only once the
// server has it. It is safe for concurrent use.
type Outbox struct {
	db    *bolt.DB
	path  string
	drain sync.Mutex // one drain at a time keeps the order
	// Settle is how long after a lost answer an entry waits before it is
	// looked for and sent again (DefaultSettle from OpenOutbox).
	Settle time.Duration
}

// ErrSettling stops a drain at an entry whose answer was lost less than
// Settle ago: the server may still be at work on it.
var ErrSettling = errors.New("till queue: waiting for a lost request to settle on the server before looking for it")

// OpenOutbox opens (or creates) the outbox in dir.
func OpenOutbox(dir string) (*Outbox, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("till queue: %w", err)
	}
	path := filepath.Join(dir, OutboxFile)
	var db *bolt.DB
	err := unpanic(path, func() (err error) {
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: 200 * time.Millisecond})
		return err
	})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, ErrOutboxBusy
	}
	if err != nil {
		return nil, fmt.Errorf("till queue %s: %w", path, err)
	}
	_ = os.Chmod(path, 0o600) // an older file may have been made with a wider mode
	o := &Outbox{db: db, path: path, Settle: DefaultSettle}
	err = o.update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketPending, bucketRefused} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("till queue %s: %w", path, err)
	}
	return o, nil
}

// ErrOutboxDamaged is a queue file bbolt cannot read. The file is left as
// it is (it may hold queued earns) and the till works online only.
var ErrOutboxDamaged = errors.New("the till queue file is damaged; it is kept as it is for whoever looks after this till, and nothing can be queued until it is moved away")

// unpanic runs f, turning a panic into ErrOutboxDamaged: bbolt panics on
// some damaged files instead of returning an error, and one damaged file
// must not take down the program (or every SSH session of serve).
func unpanic(path string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s (%v)", ErrOutboxDamaged, path, r)
		}
	}()
	return f()
}

func (o *Outbox) view(f func(*bolt.Tx) error) error {
	return unpanic(o.path, func() error { return o.db.View(f) })
}

func (o *Outbox) update(f func(*bolt.Tx) error) error {
	return unpanic(o.path, func() error { return o.db.Update(f) })
}

// Close releases the file.
func (o *Outbox) Close() error { return o.db.Close() }

// Add queues an earn. It returns once the action is on disk. An action
// whose reference is already queued is not added again.
func (o *Outbox) Add(a Action) error {
	if a.Kind != Earn {
		return ErrRedeemOffline
	}
	if a.Ref == "" {
		return errors.New("till queue: an action without a reference cannot be checked later")
	}
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return o.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPending)
		if dup, _ := findRef(b, a.Ref); dup != nil {
			return nil
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		return b.Put(seqKey(seq), data)
	})
}

func seqKey(n uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], n) // big-endian keys iterate in queue order
	return k[:]
}

func findRef(b *bolt.Bucket, ref string) ([]byte, *Action) {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var a Action
		if json.Unmarshal(v, &a) == nil && a.Ref == ref {
			return k, &a
		}
	}
	return nil, nil
}

// Pending lists the queued actions, oldest first.
func (o *Outbox) Pending() ([]Action, error) { return o.list(bucketPending) }

// Refused lists queued actions the server refused when they were sent.
func (o *Outbox) Refused() ([]Action, error) { return o.list(bucketRefused) }

func (o *Outbox) list(bucket []byte) ([]Action, error) {
	var out []Action
	err := o.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(_, v []byte) error {
			var a Action
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("till queue: an entry cannot be read: %w", err)
			}
			out = append(out, a)
			return nil
		})
	})
	return out, err
}

// Count returns how many actions wait.
func (o *Outbox) Count() int {
	n := 0
	_ = o.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketPending).Stats().KeyN
		return nil
	})
	return n
}

// DrainReport says what one drain did.
type DrainReport struct {
	Sent    []Action  // recorded now
	Found   []Action  // already recorded (an earlier answer was lost): taken off the queue unsent
	Refused []Refusal // refused by the server: moved aside, shown to the cashier
	Left    int       // still queued
	// Stopped is why the drain stopped early (the server still unreachable,
	// an unknown outcome); nil when the queue was emptied.
	Stopped error
}

// Refusal is a queued action the server refused, and its answer.
type Refusal struct {
	Action
	Err error
}

// Drain sends the queued actions in order. Each is first looked for by its
// reference, so one that reached the server before a lost answer or a
// crash is not sent again. It stops at the first action whose outcome is
// not certain, keeping the order.
func (o *Outbox) Drain(ctx context.Context, svc Service) DrainReport {
	o.drain.Lock()
	defer o.drain.Unlock()
	var rep DrainReport
	for {
		key, a, err := o.head()
		if err != nil || a == nil {
			rep.Stopped = err
			break
		}
		if stop := o.deliver(ctx, svc, key, *a, &rep); stop != nil {
			rep.Stopped = stop
			break
		}
	}
	rep.Left = o.Count()
	return rep
}

// deliver settles one queued action; a non-nil error stops the drain.
func (o *Outbox) deliver(ctx context.Context, svc Service, key []byte, a Action, rep *DrainReport) error {
	if Settling(a.LostAt, o.Settle) {
		return ErrSettling
	}
	if _, found, err := svc.Find(ctx, a); err != nil {
		return err
	} else if found {
		rep.Found = append(rep.Found, a)
		return o.remove(key, nil)
	}
	r := Perform(ctx, svc, a)
	switch r.Outcome {
	case Done, LandedAfterAll:
		rep.Sent = append(rep.Sent, a)
		return o.remove(key, nil)
	case Refused:
		rep.Refused = append(rep.Refused, Refusal{Action: a, Err: r.Err})
		return o.remove(key, &a)
	}
	if !r.LostAt.IsZero() {
		a.LostAt = r.LostAt
		if err := o.put(key, a); err != nil {
			return err
		}
	}
	return r.Err
}

// put rewrites a queued entry in place (its order kept).
func (o *Outbox) put(key []byte, a Action) error {
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return o.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketPending).Put(key, data) })
}

func (o *Outbox) head() ([]byte, *Action, error) {
	var key []byte
	var a *Action
	err := o.view(func(tx *bolt.Tx) error {
		k, v := tx.Bucket(bucketPending).Cursor().First()
		if k == nil {
			return nil
		}
		key = append([]byte(nil), k...)
		a = new(Action)
		if err := json.Unmarshal(v, a); err != nil {
			return fmt.Errorf("till queue: an entry cannot be read: %w", err)
		}
		return nil
	})
	return key, a, err
}

// remove takes an entry off the queue; refused ones are kept aside.
func (o *Outbox) remove(key []byte, refused *Action) error {
	return o.update(func(tx *bolt.Tx) error {
		if refused != nil {
			data, err := json.Marshal(refused)
			if err != nil {
				return err
			}
			rb := tx.Bucket(bucketRefused)
			seq, err := rb.NextSequence()
			if err != nil {
				return err
			}
			if err := rb.Put(seqKey(seq), data); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketPending).Delete(key)
	})
}

// DismissRefused forgets the refused actions once the cashier has seen them.
func (o *Outbox) DismissRefused() error {
	return o.update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketRefused); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketRefused)
		return err
	})
}
