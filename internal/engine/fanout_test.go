package engine

import (
	"context"
	"errors"
	"iter"
	"slices"
	"testing"
)

func count(n int, pulled chan<- int) func(context.Context) iter.Seq2[int, error] {
	return func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := range n {
				if pulled != nil {
					pulled <- i
				}
				if !yield(i, nil) {
					return
				}
			}
		}
	}
}

func TestReadAheadYieldsTheSequenceInOrder(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 3, 100} {
		var got []int
		for v, err := range readAhead(context.Background(), n, count(50, nil)) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		want := make([]int, 50)
		for i := range want {
			want[i] = i
		}
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: got %v", n, got)
		}
	}
}

func TestReadAheadStopsAtTheFirstError(t *testing.T) {
	t.Parallel()
	boom := errors.New("page 2 failed")
	open := func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			if yield(1, nil) && yield(0, boom) {
				yield(3, nil)
			}
		}
	}
	var got []int
	var gotErr error
	for v, err := range readAhead(context.Background(), 4, open) {
		if err != nil {
			gotErr = err
			continue
		}
		got = append(got, v)
	}
	if !errors.Is(gotErr, boom) || !slices.Equal(got, []int{1}) {
		t.Fatalf("got %v, %v", got, gotErr)
	}
}

// The source is read n items beyond what the consumer has taken (plus the one waiting to
// be handed over), and not further: a LIMIT costs at most that.
func TestReadAheadReadsNAheadAndNoFurther(t *testing.T) {
	t.Parallel()
	const n = 3
	pulled := make(chan int, 100)
	for v, err := range readAhead(context.Background(), n, count(100, pulled)) {
		if err != nil || v != 0 {
			t.Fatal(v, err)
		}
		// Holding the first item, the reader fills the buffer with 1..n and produces n+1.
		for i := 0; i <= n+1; i++ {
			if got := <-pulled; got != i {
				t.Fatalf("pulled %d, want %d", got, i)
			}
		}
		break
	}
	// readAhead has returned, so its reader has stopped: nothing more was pulled.
	if len(pulled) != 0 {
		t.Fatalf("%d more items pulled after the consumer stopped", len(pulled))
	}
}

// A consumer that stops while the next page is being read cancels that read.
func TestReadAheadCancelsTheReadInFlight(t *testing.T) {
	t.Parallel()
	cancelled := make(chan error, 1)
	open := func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			if !yield(1, nil) {
				return
			}
			<-ctx.Done() // the next page's request, answered only by cancellation
			cancelled <- ctx.Err()
			yield(0, ctx.Err())
		}
	}
	for range readAhead(context.Background(), 8, open) {
		break
	}
	if err := <-cancelled; !errors.Is(err, context.Canceled) {
		t.Fatalf("the read in flight ended with %v", err)
	}
}
