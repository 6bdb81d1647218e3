package repl

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/chzyer/readline"
)

// Terminal reads lines with readline: editing, history in historyFile, tab completion.
type Terminal struct{ rl *readline.Instance }

// NewTerminal opens a readline terminal.
func NewTerminal(historyFile string, completer readline.AutoCompleter) (*Terminal, error) {
	if historyFile != "" {
		_ = os.MkdirAll(filepath.Dir(historyFile), 0o700)
	}
	rl, err := readline.NewEx(&readline.Config{
		Prompt:            prompt,
		HistoryFile:       historyFile,
		HistoryLimit:      5000,
		HistorySearchFold: true,
		AutoComplete:      completer,
		InterruptPrompt:   "^C",
		EOFPrompt:         "exit",
	})
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

// HistoryFile is $XDG_STATE_HOME/credsql/history (or ~/.local/state/credsql/history).
func HistoryFile() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "credsql", "history")
}
