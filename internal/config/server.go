package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Server is the `server:` section of the config file: the listener, TLS, accounts and audit
// log of `credsql serve`. Command-line flags override it.
//
//	server:
//	  listen: 0.0.0.0:3306
//	  tls_cert: /etc/credsql/tls.crt
//	  tls_key: /etc/credsql/tls.key
//	  require_tls: true
//	  audit_log: /var/log/credsql/audit.log
//	  users:
//	    - name: admin
//	      password_env: CREDSQL_ADMIN_PASSWORD   # or password_file; an inline password is warned about
//	    - name: reader
//	      password_file: reader.password
//	      read_only: true
//	      connections: [prod]     # default: every connection
//	      reveal_secrets: false   # may SET credsql_reveal_secrets = ON
//	      admin: false            # may read the mysql.* grant tables, see and kill others' queries
type Server struct {
	Listen     string
	TLSCert    string
	TLSKey     string
	RequireTLS bool
	// AuditLog is nil when the file does not say; "" turns the audit log off.
	AuditLog *string
	Users    []User
	// Warnings are non-fatal findings (an inline password), to show once.
	Warnings []string
}

// User is a MySQL account of `credsql serve`, its password resolved, with exactly the rights
// its entry gives: by default it may read and write every connection, but neither reveal
// secrets nor administer the server.
type User struct {
	Name     string
	Password string
	ReadOnly bool
	// RevealSecrets allows SET credsql_reveal_secrets = ON.
	RevealSecrets bool
	// Connections are the connections the user may see and use; nil means every one.
	Connections []string
	// Admin allows reading the mysql.* grant tables, SHOW PROCESSLIST of every session, KILL
	// and SET GLOBAL.
	Admin bool
}

type serverEntry struct {
	Listen     string      `yaml:"listen"`
	TLSCert    string      `yaml:"tls_cert"`
	TLSKey     string      `yaml:"tls_key"`
	RequireTLS bool        `yaml:"require_tls"`
	AuditLog   *string     `yaml:"audit_log"`
	Users      []userEntry `yaml:"users"`
}

type userEntry struct {
	Name         string `yaml:"name"`
	Password     string `yaml:"password"`
	PasswordEnv  string `yaml:"password_env"`
	PasswordFile string `yaml:"password_file"`
	ReadOnly     bool   `yaml:"read_only"`
	// RevealSecrets, Connections and Admin: see User.
	RevealSecrets bool     `yaml:"reveal_secrets"`
	Connections   []string `yaml:"connections"`
	Admin         bool     `yaml:"admin"`
}

// LoadServer reads the server section of a YAML config file (nil when it has none); the
// connections are not resolved, so that `serve --demo --config FILE` needs none of their
// secrets.
func LoadServer(path string, getenv Getenv) (*Server, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	s, err := ParseServer(b, getenv, filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return s, nil
}

// ParseServer reads the server section of YAML config bytes; relative paths resolve against
// dir.
func ParseServer(b []byte, getenv Getenv, dir string) (*Server, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	f, err := decode(b)
	if err != nil {
		return nil, err
	}
	if f.Server == nil {
		return nil, nil
	}
	e := f.Server
	s := &Server{Listen: e.Listen, TLSCert: rel(dir, e.TLSCert), TLSKey: rel(dir, e.TLSKey), RequireTLS: e.RequireTLS}
	if e.AuditLog != nil {
		p := *e.AuditLog
		if p != "" && p != "-" {
			p = rel(dir, p)
		}
		s.AuditLog = &p
	}
	var errs []error
	if (s.TLSCert == "") != (s.TLSKey == "") {
		errs = append(errs, errors.New("server: tls_cert and tls_key go together"))
	}
	if s.RequireTLS && s.TLSCert == "" {
		errs = append(errs, errors.New("server: require_tls needs tls_cert and tls_key"))
	}
	seen := map[string]bool{}
	for i, u := range e.Users {
		if u.Name == "" {
			errs = append(errs, fmt.Errorf("server: user #%d: name is missing", i+1))
			continue
		}
		if seen[u.Name] {
			errs = append(errs, fmt.Errorf("server: user %q: defined twice", u.Name))
			continue
		}
		seen[u.Name] = true
		owner := fmt.Sprintf("server user %q", u.Name)
		pw, warn, err := resolveSecret(owner, "password", u.Password, u.PasswordEnv, rel(dir, u.PasswordFile), getenv)
		if warn != "" {
			s.Warnings = append(s.Warnings, warn)
		}
		if err == nil && pw == "" {
			err = fmt.Errorf("%s: the password is missing (password_env or password_file)", owner)
		}
		if err == nil {
			err = checkConnectionList(owner, u.Connections)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.Users = append(s.Users, User{Name: u.Name, Password: pw, ReadOnly: u.ReadOnly,
			RevealSecrets: u.RevealSecrets, Connections: u.Connections, Admin: u.Admin})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// checkConnectionList refuses an empty or repeated connection name, and an empty list (which
// would be an account that sees nothing: omit the key for every connection). Whether the
// names are configured connections is checked when the server starts, where the connections
// are known.
func checkConnectionList(owner string, names []string) error {
	if names == nil {
		return nil
	}
	if len(names) == 0 {
		return fmt.Errorf("%s: connections is empty; omit it to give every connection", owner)
	}
	seen := map[string]bool{}
	for _, n := range names {
		switch {
		case n == "":
			return fmt.Errorf("%s: connections: a name is empty", owner)
		case seen[n]:
			return fmt.Errorf("%s: connections: %q is listed twice", owner, n)
		}
		seen[n] = true
	}
	return nil
}
