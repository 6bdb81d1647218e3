package repl

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/chzyer/readline"
)

// Terminal reads lines with readline: editing, history in a file, tab completion.
type Terminal struct{ rl *readline.Instance }

// NewTerminal opens a readline terminal on standard input and output. historyFile ("" = no
// history file) is created private (0600): statements may hold secrets.
func NewTerminal(historyFile string, completer readline.AutoCompleter) (*Terminal, error) {
	return newTerminal(&readline.Config{HistoryFile: historyFile, AutoComplete: completer})
}

// newTerminal completes cfg (tests set Stdin, Stdout and the terminal functions).
func newTerminal(cfg *readline.Config) (*Terminal, error) {
	if cfg.HistoryFile != "" {
		_ = os.MkdirAll(filepath.Dir(cfg.HistoryFile), 0o700)
		if f, err := os.OpenFile(cfg.HistoryFile, os.O_CREATE|os.O_RDONLY, 0o600); err == nil {
			_ = f.Close()
		}
	}
	cfg.Prompt = prompt
	cfg.HistoryLimit = 5000
	cfg.HistorySearchFold = true
	// The shell saves whole statements (see Shell.remember), not every line typed.
	cfg.DisableAutoSaveHistory = true
	cfg.InterruptPrompt = "^C"
	cfg.EOFPrompt = "exit"
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return nil, err
	}
	return &Terminal{rl: rl}, nil
}

// ReadLine implements LineReader.
func (t *Terminal) ReadLine(p string) (string, error) {
	t.rl.SetPrompt(p)
	line, err := t.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return "", ErrInterrupt
	}
	return line, err
}

// SaveHistory implements HistorySaver: entry is added to the history and its file.
func (t *Terminal) SaveHistory(entry string) error { return t.rl.SaveHistory(entry) }

// Close implements LineReader.
func (t *Terminal) Close() error { return t.rl.Close() }

// Piped reads lines from a non-terminal input, without prompts.
type Piped struct{ sc *bufio.Scanner }

// NewPiped reads from r.
func NewPiped(r io.Reader) *Piped {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	return &Piped{sc: sc}
}

// ReadLine implements LineReader.
func (p *Piped) ReadLine(string) (string, error) {
	if p.sc.Scan() {
		return p.sc.Text(), nil
	}
	if err := p.sc.Err(); err != nil {
		return "", err
	}
	return "", io.EOF
}

// Close implements LineReader.
func (p *Piped) Close() error { return nil }

// HistoryFile is $XDG_STATE_HOME/credsql/history (or ~/.local/state/credsql/history), or
// "" when neither is known.
func HistoryFile() string { return historyFile(os.Getenv, os.UserHomeDir) }

func historyFile(getenv func(string) string, home func() (string, error)) string {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		// The XDG spec says a relative path is invalid and must be ignored.
		h, err := home()
		if err != nil || h == "" {
			return ""
		}
		dir = filepath.Join(h, ".local", "state")
	}
	return filepath.Join(dir, "credsql", "history")
}
