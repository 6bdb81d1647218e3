package engine

import (
	"context"
	"iter"
	"sync"
)

// orderedMap runs task on every input concurrently, at most width at a time, and yields the
// results in input order. Inputs are read only as workers free up, so a consumer that stops
// early (LIMIT) leaves at most width tasks started. When the consumer stops or a task fails,
// the context of the tasks is cancelled and every goroutine ends before orderedMap returns.
func orderedMap[In, Out any](ctx context.Context, inputs iter.Seq2[In, error], width int,
	task func(ctx context.Context, in In) ([]Out, error)) iter.Seq2[Out, error] {
	return func(yield func(Out, error) bool) {
		var zero Out
		if width < 1 {
			width = 1
		}
		ctx, cancel := context.WithCancel(ctx)
		type result struct {
			out []Out
			err error
		}
		// futures carries one channel per input, in input order; its capacity is what
		// bounds the work in flight together with the worker slots.
		futures := make(chan chan result, width)
		slots := make(chan struct{}, width)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(futures)
			for in, err := range inputs {
				f := make(chan result, 1)
				if err != nil {
					f <- result{err: err}
					select {
					case futures <- f:
					case <-ctx.Done():
					}
					return
				}
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
				select {
				case futures <- f:
				case <-ctx.Done():
					<-slots
					return
				}
				wg.Add(1)
				go func(in In) {
					defer wg.Done()
					out, err := task(ctx, in)
					<-slots
					f <- result{out, err}
				}(in)
			}
		}()
		defer func() {
			cancel()
			// Drain so that the dispatcher is never blocked, then wait for everything.
			for range futures {
			}
			wg.Wait()
		}()
		for f := range futures {
			var r result
			select {
			case r = <-f:
			case <-ctx.Done():
				yield(zero, context.Cause(ctx))
				return
			}
			if r.err != nil {
				yield(zero, r.err)
				return
			}
			for _, o := range r.out {
				if !yield(o, nil) {
					return
				}
			}
		}
	}
}

// merge yields the items of several sequences as they arrive, each sequence read by its own
// goroutine, so that a slow source does not hold back the others. The first error ends the
// merge; stopping the consumer cancels every source.
func merge[T any](ctx context.Context, seqs []func(ctx context.Context) iter.Seq2[T, error]) iter.Seq2[T, error] {
	if len(seqs) == 1 {
		return seqs[0](ctx)
	}
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		type item struct {
			v   T
			err error
		}
		ch := make(chan item, 64)
		var wg sync.WaitGroup
		for _, s := range seqs {
			wg.Add(1)
			go func(s func(context.Context) iter.Seq2[T, error]) {
				defer wg.Done()
				for v, err := range s(ctx) {
					select {
					case ch <- item{v, err}:
					case <-ctx.Done():
						return
					}
					if err != nil {
						return
					}
				}
			}(s)
		}
		go func() { wg.Wait(); close(ch) }()
		defer func() {
			cancel()
			for range ch {
			}
		}()
		for it := range ch {
			if !yield(it.v, it.err) || it.err != nil {
				return
			}
		}
	}
}

// readAhead reads up to n items of the sequence open(ctx) ahead of its consumer, in its own
// goroutine. Under a fan-out it keeps the parent listing a page ahead: the next page is
// requested while the last n parents of the current one are still being dispatched, instead
// of when the fan-out asks for the first parent of the next page and every slot waits a round
// trip. A consumer that stops (LIMIT) costs at most the page being read, which is cancelled.
func readAhead[T any](ctx context.Context, n int, open func(ctx context.Context) iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		type item struct {
			v   T
			err error
		}
		ch := make(chan item, max(n, 1))
		go func() {
			defer close(ch)
			for v, err := range open(ctx) {
				select {
				case ch <- item{v, err}:
				case <-ctx.Done():
					return
				}
				if err != nil {
					return
				}
			}
		}()
		defer func() {
			cancel()
			for range ch {
			}
		}()
		for it := range ch {
			if !yield(it.v, it.err) || it.err != nil {
				return
			}
		}
	}
}
