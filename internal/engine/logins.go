package engine

import (
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/dolthub/vitess/go/mysql"

	"github.com/credsql/credsql/internal/audit"
)

// LoginOptions tune how failed logins are recorded and slowed down.
type LoginOptions struct {
	// LogPerMinute bounds the failed-login lines (audit log and server log) per client
	// address and minute (default 5); the next line logged for that address counts the ones
	// left out.
	LogPerMinute int
	// BaseDelay is how long the answer to the second consecutive failure from an address is
	// held back (default 250ms); it doubles with each further failure, up to MaxDelay
	// (default 8s). The first failure is answered at once, and a successful login, or
	// ForgetAfter (default 15m) without failure, starts the count again.
	BaseDelay, MaxDelay, ForgetAfter time.Duration
	// Now and Sleep are the clock (tests inject theirs).
	Now   func() time.Time
	Sleep func(time.Duration)
}

// maxTracked bounds how many client addresses are remembered.
const maxTracked = 10000

// loginGuard records failed logins per client address: it logs them, rate-limited, with the
// user name and address (the password never reaches it), and holds back the answer to
// repeated failures.
type loginGuard struct {
	o    LoginOptions
	sink audit.Sink
	log  *slog.Logger

	mu    sync.Mutex
	addrs map[string]*addrFailures
}

type addrFailures struct {
	failures   int       // consecutive failures
	last       time.Time // of the last failure
	window     time.Time // start of the current minute of logging
	logged     int       // lines logged in the window
	suppressed int       // failures left out of the log since its last line
}

func newLoginGuard(o LoginOptions, sink audit.Sink, log *slog.Logger) *loginGuard {
	if o.LogPerMinute <= 0 {
		o.LogPerMinute = 5
	}
	if o.BaseDelay <= 0 {
		o.BaseDelay = 250 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 8 * time.Second
	}
	if o.ForgetAfter <= 0 {
		o.ForgetAfter = 15 * time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = time.Sleep
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &loginGuard{o: o, sink: sink, log: log, addrs: map[string]*addrFailures{}}
}

// failed records a refused login of user from addr and returns how long to hold the answer
// back; the record, if not rate-limited, is written before.
func (g *loginGuard) failed(user string, addr net.Addr, cause error) time.Duration {
	client := "unknown"
	if addr != nil {
		client = addr.String()
	}
	host := client
	if h, _, err := net.SplitHostPort(client); err == nil {
		host = h
	}
	now := g.o.Now()
	g.mu.Lock()
	st := g.addrs[host]
	if st == nil {
		if len(g.addrs) >= maxTracked {
			g.forget(now)
		}
		st = &addrFailures{}
		g.addrs[host] = st
	}
	if now.Sub(st.last) > g.o.ForgetAfter {
		st.failures = 0
	}
	st.failures++
	st.last = now
	delay := time.Duration(0)
	if st.failures > 1 {
		delay = g.o.MaxDelay
		if shift := st.failures - 2; shift < 30 && g.o.BaseDelay<<shift < g.o.MaxDelay {
			delay = g.o.BaseDelay << shift
		}
	}
	if now.Sub(st.window) >= time.Minute {
		st.window, st.logged = now, 0
	}
	var rec *audit.Record
	if st.logged < g.o.LogPerMinute {
		st.logged++
		rec = &audit.Record{Time: now.UTC(), Action: audit.ActionLoginFailed, User: user, Client: client,
			Failures: st.failures, Suppressed: st.suppressed, DelayMS: delay.Milliseconds()}
		if cause != nil {
			rec.Error = cause.Error()
		}
		st.suppressed = 0
	} else {
		st.suppressed++
	}
	g.mu.Unlock()
	if rec != nil {
		g.log.Warn(fmt.Sprintf("failed login of user %q from %s", user, client), "failures", rec.Failures,
			"suppressed", rec.Suppressed, "delay", delay)
		if g.sink != nil {
			if err := g.sink.Write(*rec); err != nil {
				g.log.Error(fmt.Sprintf("audit log: %v", err), "action", audit.ActionLoginFailed)
			}
		}
	}
	return delay
}

// succeeded starts the count of an address again.
func (g *loginGuard) succeeded(addr net.Addr) {
	if addr == nil {
		return
	}
	host := addr.String()
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	g.mu.Lock()
	if st := g.addrs[host]; st != nil {
		st.failures = 0
	}
	g.mu.Unlock()
}

// forget drops the addresses without a failure for ForgetAfter, or, when every address is
// recent (failures from many addresses at once), all of them (g.mu held).
func (g *loginGuard) forget(now time.Time) {
	for h, st := range g.addrs {
		if now.Sub(st.last) > g.o.ForgetAfter {
			delete(g.addrs, h)
		}
	}
	if len(g.addrs) >= maxTracked {
		clear(g.addrs)
	}
}

// wrap returns the auth server whose methods report to the guard.
func (g *loginGuard) wrap(as mysql.AuthServer) mysql.AuthServer {
	return guardedAuthServer{AuthServer: as, g: g}
}

type guardedAuthServer struct {
	mysql.AuthServer
	g *loginGuard
}

func (s guardedAuthServer) AuthMethods() []mysql.AuthMethod {
	inner := s.AuthServer.AuthMethods()
	out := make([]mysql.AuthMethod, len(inner))
	for i, m := range inner {
		out[i] = guardedAuthMethod{AuthMethod: m, g: s.g}
	}
	return out
}

// guardedAuthMethod is where vitess checks the client's answer: a refusal is recorded and
// held back before the client hears of it.
type guardedAuthMethod struct {
	mysql.AuthMethod
	g *loginGuard
}

func (m guardedAuthMethod) HandleAuthPluginData(c *mysql.Conn, user string, serverData, clientData []byte, addr net.Addr) (mysql.Getter, error) {
	getter, err := m.AuthMethod.HandleAuthPluginData(c, user, serverData, clientData, addr)
	if err != nil {
		if d := m.g.failed(user, addr, err); d > 0 {
			m.g.o.Sleep(d)
		}
		return getter, err
	}
	m.g.succeeded(addr)
	return getter, nil
}
