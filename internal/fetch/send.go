// The attempts of one call: retries, rate-limit waits, credential renewal and error mapping.

package fetch

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/go-resty/resty/v2"
)

// send runs the attempts of one call.
func (c *Client) send(ctx context.Context, req *Request, target string) (*Response, error) {
	stats := StatsFrom(ctx)
	mutating := req.Mutating()
	redactor := c.red.With(req.Secrets...)
	bucket := c.sched.bucket(req)
	brk := breakerFrom(ctx)
	name := breakerName(c.cfg.Vendor, c.cfg.Connection)
	if err := brk.check(name); err != nil {
		return nil, err
	}
	onWait := func(d time.Duration, held bool) {
		stats.waiting(Wait{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Bucket: bucket, For: d, After429: held})
	}
	var (
		attempts int
		waited   time.Duration
		reauthed bool
		lastErr  *APIError
		// maybeApplied: an earlier attempt of this write reached the vendor and its answer
		// was lost, so the write may have been made whatever the later attempts say.
		maybeApplied bool
		// everSent: some attempt reached the vendor (answered or not).
		everSent bool
	)
	for {
		attempts++
		// The credential is obtained before taking a slot: a login is itself a call and
		// needs a slot of its own.
		var authHeader http.Header
		var cred string
		if !req.NoAuth && c.cfg.Auth != nil {
			authHeader = http.Header{}
			var err error
			if cred, err = c.cfg.Auth.Apply(ctx, c, authHeader); err != nil {
				if mutating && maybeApplied {
					e := c.newError(req, attempts-1)
					e.Unknown, e.Err = true, err
					return nil, e
				}
				return nil, err
			}
		}
		t, w, err := c.sched.acquire(ctx, bucket, c.cfg.MaxWait-waited, attempts > 1, onWait)
		waited += w
		stats.addWait(w)
		if err != nil {
			var we *waitError
			if !errors.As(err, &we) {
				if mutating && maybeApplied {
					e := c.newError(req, attempts-1)
					e.Unknown, e.Err = true, err
					return nil, e
				}
				return nil, err
			}
			e := c.newError(req, attempts-1)
			e.Status = http.StatusTooManyRequests
			e.Message = we.Error()
			if lastErr != nil {
				e.RequestID, e.Code = lastErr.RequestID, lastErr.Code
			}
			if mutating {
				switch {
				case maybeApplied:
					e.Unknown = true
				case !everSent:
					e.NotSent = true
					e.Hint = "The request never reached the vendor: nothing was changed."
				}
			}
			return nil, e
		}
		probing := false
		if brk != nil {
			var berr error
			if probing, berr = brk.admit(ctx, name); berr != nil {
				c.sched.release(bucket, t, nil)
				return nil, berr
			}
		}
		start := time.Now()
		resp, sent, err := c.attempt(ctx, req, target, authHeader)
		status := 0
		if resp != nil {
			status = resp.Status
		}
		if c.cfg.Observer != nil && (resp != nil || ctx.Err() == nil) {
			c.cfg.Observer.Observe(c.cfg.Vendor, c.cfg.Connection, status, time.Since(start))
		}
		concurrency, floor := c.sched.release(bucket, t, resp)
		stats.addCall(c)
		everSent = everSent || sent
		if probing {
			switch {
			case resp != nil || errors.Is(err, errBodyTooLarge):
				brk.answered(name)
			case ctx.Err() != nil:
				brk.abandon(name)
			}
			// Otherwise the attempt found no response: it is final under a breaker, and
			// marks the connection down below.
		}
		if err != nil && ctx.Err() != nil {
			if mutating && (sent || maybeApplied) {
				// Cancelled while the vendor may have been acting on it.
				e := c.newError(req, attempts)
				e.Unknown, e.Err = true, context.Cause(ctx)
				return nil, e
			}
			return nil, context.Cause(ctx)
		}
		if err == nil && resp.Status >= 200 && resp.Status < 300 {
			resp.Attempts = attempts
			if req.Into == nil {
				c.logAttempt(req, resp, attempts, nil)
				return resp, nil
			}
			derr := decodeInto(resp.Body, req.Into)
			if derr == nil {
				c.logAttempt(req, resp, attempts, nil)
				return resp, nil
			}
			e := c.newError(req, attempts)
			e.RequestID = resp.Header.Get(c.cfg.RequestIDHeader)
			e.Err = fmt.Errorf("malformed response body (HTTP %d): %w", resp.Status, derr)
			c.logAttempt(req, resp, attempts, e)
			if mutating {
				e.Status = resp.Status // accepted: the audit log records the change as made
				e.Hint = "the vendor accepted the request but its answer could not be read; check the result with a SELECT"
				return nil, e
			}
			if attempts > c.cfg.MaxRetries {
				return nil, e
			}
			lastErr = e
			if !c.sleep(ctx, c.backoff(attempts)) {
				return nil, context.Cause(ctx)
			}
			continue
		}
		if err == nil && resp.Status == http.StatusNotFound && maybeApplied && req.Method == http.MethodDelete {
			// The object is gone after an attempt that may have deleted it: deleted either way.
			resp.Attempts = attempts
			c.logAttempt(req, resp, attempts, nil)
			return resp, nil
		}
		e := c.newError(req, attempts)
		if err != nil {
			e.Err = errors.New(redactor.Redact(err.Error()))
		} else {
			e.Status = resp.Status
			e.RequestID = resp.Header.Get(c.cfg.RequestIDHeader)
			c.cfg.ParseError(resp, e)
			e.Code = redactor.Redact(e.Code)
			e.Message = redactor.Redact(e.Message)
			for i := range e.Causes {
				e.Causes[i] = redactor.Redact(e.Causes[i])
			}
		}
		c.logAttempt(req, resp, attempts, e)
		lastErr = e
		// lost: the request reached the vendor and no answer settles what became of it.
		lost := sent && err != nil || err == nil && resp.Status >= 500
		retryable, delay, limit := false, c.backoff(attempts), c.cfg.MaxRetries
		switch {
		case errors.Is(err, errBodyTooLarge):
			retryable = false // the same answer again would be as large
		case err != nil && brk != nil:
			retryable = false // no response: the breaker marks the connection down
		case err != nil && !sent:
			retryable = true // the request never left: safe to retry, writes included
		case err != nil:
			retryable = !mutating || req.Idempotent
		case concurrency && (!mutating || c.cfg.Writes.Resend429):
			// Too many calls at once: the bucket's limit has been halved (adaptive.go), its
			// other calls carry on, and this one is tried again at the suggested time, or
			// after a backoff when even one call at a time was refused. Never counted as a
			// failure, bounded by MaxWait.
			retryable, limit = true, math.MaxInt
			stats.addRateLimited()
			stats.addConcurrencyLimited()
			delay = max(0, time.Until(suggestedRetry(resp.Header, time.Now())))
			if floor {
				delay = max(delay, c.backoff(attempts))
			}
			e.RetryAfter = delay
			if waited+delay > c.cfg.MaxWait {
				retryable = false
				break
			}
			waited += delay
			stats.addWait(delay)
		case resp.Status == http.StatusTooManyRequests && mutating && !c.cfg.Writes.Resend429:
			// The vendor refused it, and does not document when a refused write may be
			// sent again: it is the user's to run again.
			stats.addRateLimited()
			e.Hint = "Not applied (rate limited): the vendor refused the request, and credsql does not resend writes to " +
				c.cfg.Vendor.Title() + " after a 429. Run the statement again later."
		case resp.Status == http.StatusTooManyRequests:
			// Rate limits are waited out (bounded by MaxWait), never counted as failures;
			// the scheduler holds every call of the connection until the reset.
			retryable, delay, limit = true, 0, math.MaxInt
			stats.addRateLimited()
			until, ok := c.sched.retryAt(resp.Header)
			if !ok {
				until = time.Now().Add(c.backoff(attempts) + 5*time.Second)
			}
			c.sched.exhausted(bucket, until)
			e.RetryAfter = time.Until(until)
		case resp.Status == http.StatusUnauthorized && !reauthed && !req.NoAuth && c.cfg.Auth != nil:
			if c.cfg.Auth.Stale(cred, resp) {
				reauthed = true
				attempts-- // a renewed credential is not a retry of a failure
				continue
			}
		case resp.Status >= 500:
			retryable = !mutating || req.Idempotent
		}
		if mutating && lost {
			maybeApplied = true
		}
		if !retryable || attempts > limit {
			switch {
			case !mutating:
			case maybeApplied:
				e.Unknown = true
				if !lost {
					e.Hint = "An earlier attempt reached the vendor and its answer was lost"
				}
			case !everSent:
				e.NotSent = true
				if e.Hint == "" {
					e.Hint = "The request never reached the vendor: nothing was changed."
				}
			}
			if e.Status == http.StatusUnauthorized && e.Hint == "" {
				e.Hint = c.cfg.Hint
			}
			if brk != nil && !errors.Is(err, errBodyTooLarge) && downs(e, req.Login) {
				brk.markDown(name, e)
			}
			return nil, e
		}
		if delay > 0 && !c.sleep(ctx, delay) {
			if mutating && maybeApplied {
				e.Unknown, e.Err = true, context.Cause(ctx)
				return nil, e
			}
			return nil, context.Cause(ctx)
		}
	}
}

func (c *Client) attempt(ctx context.Context, req *Request, target string, auth http.Header) (resp *Response, sent bool, err error) {
	timeout := context.WithTimeout
	if c.cfg.AttemptTimeout != nil {
		timeout = c.cfg.AttemptTimeout
	}
	actx, cancel := timeout(ctx, c.cfg.Timeout)
	defer cancel()
	// Whether any of the request was written decides what a failure means for a write:
	// until the headers are written (the dial, the TLS handshake), nothing reached the vendor.
	var wrote atomic.Bool
	tctx := httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }})
	rr := c.r.R().SetContext(tctx)
	for _, h := range []http.Header{auth, req.Header} {
		for k, vs := range h {
			for _, v := range vs {
				rr.SetHeader(k, v)
			}
		}
	}
	switch {
	case req.RawBody != nil:
		rr.SetHeader("Content-Type", req.ContentType).SetBody(req.RawBody)
	case req.Body != nil:
		b, err := json.Marshal(req.Body)
		if err != nil {
			return nil, false, fmt.Errorf("encode request body: %w", err)
		}
		rr.SetHeader("Content-Type", "application/json").SetBody(b)
	case req.Mutating():
		rr.SetHeader("Content-Type", "application/json")
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	r, err := rr.Execute(method, target)
	if err != nil {
		if errors.Is(err, resty.ErrResponseBodyTooLarge) {
			return nil, true, errBodyTooLarge
		}
		if actx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("no response within %s", c.cfg.Timeout)
		} else {
			err = cleanTransportError(err)
		}
		return nil, wrote.Load() && !notSent(err), err
	}
	return &Response{Status: r.StatusCode(), Header: r.Header(), Body: r.Body()}, true, nil
}

// errBodyTooLarge is an answer over MaxBody: never read whole, never retried.
var errBodyTooLarge = fmt.Errorf("response body larger than %d MiB: refused", MaxBody>>20)

// notSent reports whether a transport error proves the request never reached the vendor: a
// refused connection, a failed DNS lookup, or a failed TLS handshake, which comes before any
// byte of the request.
func notSent(err error) bool {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var op *net.OpError
	if errors.As(err, &op) && (op.Op == "dial" || op.Op == "remote error") { // "remote error": a TLS alert
		return true
	}
	var (
		dns       *net.DNSError
		verify    *tls.CertificateVerificationError
		unknownCA x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		record    tls.RecordHeaderError
		alert     tls.AlertError
	)
	return errors.As(err, &dns) || errors.As(err, &verify) || errors.As(err, &unknownCA) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &record) || errors.As(err, &alert)
}

// cleanTransportError drops the URL from *url.Error: the message keeps the cause only.
func cleanTransportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return &transportError{err: ue.Err}
	}
	return err
}

type transportError struct{ err error }

func (e *transportError) Error() string {
	if errors.Is(e.err, io.EOF) || errors.Is(e.err, io.ErrUnexpectedEOF) {
		return "connection closed before a response arrived"
	}
	if errors.Is(e.err, syscall.ECONNRESET) {
		return "connection reset by the vendor"
	}
	return e.err.Error()
}
func (e *transportError) Unwrap() error { return e.err }

func (c *Client) newError(req *Request, attempts int) *APIError {
	return &APIError{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Op: req.Op, Attempts: attempts}
}

func decodeInto(body []byte, into any) error {
	if into == nil {
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return errors.New("empty body")
	}
	return json.Unmarshal(body, into)
}

func (c *Client) backoff(attempt int) time.Duration {
	d := c.cfg.Backoff << min(attempt-1, 6)
	return d/2 + jitter(d)
}

func (c *Client) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (c *Client) logAttempt(req *Request, resp *Response, attempt int, e *APIError) {
	if !c.log.Enabled(context.Background(), slog.LevelDebug) && e == nil {
		return
	}
	attrs := []any{"vendor", string(c.cfg.Vendor), "connection", c.cfg.Connection, "op", req.Op, "attempt", attempt}
	if resp != nil {
		attrs = append(attrs, "status", resp.Status, "request_id", resp.Header.Get(c.cfg.RequestIDHeader))
	}
	if e != nil {
		attrs = append(attrs, "error", c.red.Redact(e.Error()))
		c.log.Debug("api call failed", attrs...)
		return
	}
	c.log.Debug("api call", attrs...)
}
