package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

func TestCredentialOneLoginForConcurrentCallers(t *testing.T) {
	t.Parallel()
	var c fetch.Credential
	var logins atomic.Int64
	// The login returns once the 31 other callers wait for it.
	var waiting sync.WaitGroup
	waiting.Add(31)
	c.OnWait(waiting.Done)
	login := func(ctx context.Context) (string, time.Time, error) {
		n := logins.Add(1)
		if n == 1 {
			waiting.Wait()
		}
		return fmt.Sprintf("token-%d", n), time.Time{}, nil
	}
	var wg sync.WaitGroup
	got := make(chan string, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.Get(context.Background(), login)
			if err != nil {
				t.Error(err)
			}
			got <- v
		}()
	}
	wg.Wait()
	close(got)
	for v := range got {
		if v != "token-1" {
			t.Errorf("caller got %q", v)
		}
	}
	if logins.Load() != 1 {
		t.Fatalf("%d logins, want 1", logins.Load())
	}

	// A stale value dropped twice, the second time after renewal, causes one login.
	c.OnWait(nil)
	c.Drop("token-1")
	if v, _ := c.Get(context.Background(), login); v != "token-2" {
		t.Fatalf("after drop: %q", v)
	}
	c.Drop("token-1")
	if v, _ := c.Get(context.Background(), login); v != "token-2" || logins.Load() != 2 {
		t.Errorf("a late drop of the old value replaced the new one: %q, %d logins", v, logins.Load())
	}
}

func TestCredentialRenewsWhenDue(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	c := fetch.Credential{Now: func() time.Time { return now }}
	n := 0
	login := func(context.Context) (string, time.Time, error) {
		n++
		return fmt.Sprint("t", n), now.Add(30 * time.Millisecond), nil
	}
	v1, _ := c.Get(context.Background(), login)
	now = now.Add(29 * time.Millisecond)
	v2, _ := c.Get(context.Background(), login)
	now = now.Add(time.Millisecond)
	v3, _ := c.Get(context.Background(), login)
	if v1 != "t1" || v2 != "t1" || v3 != "t2" {
		t.Errorf("values %s %s %s, want t1 t1 t2", v1, v2, v3)
	}
}

func TestCredentialLoginFailureIsShared(t *testing.T) {
	t.Parallel()
	var c fetch.Credential
	boom := errors.New("boom")
	if _, err := c.Get(context.Background(), func(context.Context) (string, time.Time, error) { return "", time.Time{}, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if c.Current() != "" {
		t.Errorf("a failed login stored %q", c.Current())
	}
}

func TestCredentialCancelledLeaderDoesNotFailWaiters(t *testing.T) {
	t.Parallel()
	var c fetch.Credential
	waits := make(chan struct{}, 1)
	c.OnWait(func() { waits <- struct{}{} })
	leaderCtx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	go func() {
		_, _ = c.Get(leaderCtx, func(ctx context.Context) (string, time.Time, error) {
			close(started)
			<-ctx.Done()
			return "", time.Time{}, ctx.Err()
		})
	}()
	<-started
	done := make(chan error, 1)
	go func() {
		v, err := c.Get(context.Background(), func(context.Context) (string, time.Time, error) { return "mine", time.Time{}, nil })
		if err == nil && v != "mine" {
			err = fmt.Errorf("got %q", v)
		}
		done <- err
	}()
	<-waits // the second caller waits for the leader's login
	cancel()
	if err := <-done; err != nil {
		t.Errorf("waiter: %v", err)
	}
}
