package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// goMatrix is the client matrix scenario for go-sql-driver/mysql through database/sql, with
// real server-side prepared statements (interpolateParams off, the default).
func goMatrix(ctx context.Context, host, port string, w *bytes.Buffer) error {
	b, err := os.ReadFile(filepath.Join(clientsDir, "scenario.json"))
	if err != nil {
		return err
	}
	var sc struct {
		Database string       `json:"database"`
		Owner    scenarioUser `json:"owner"`
		Reader   scenarioUser `json:"reader"`
		Count    struct {
			SQL  string `json:"sql"`
			Want int64  `json:"want"`
		} `json:"count"`
		Prepared struct {
			SQL  string `json:"sql"`
			Runs []struct {
				Param      string `json:"param"`
				SignOnMode string `json:"sign_on_mode"`
			} `json:"runs"`
			IDPrefix string `json:"id_prefix"`
		} `json:"prepared"`
		Call struct {
			SQL           string `json:"sql"`
			ValidityYears int    `json:"validity_years"`
			Kty           string `json:"kty"`
		} `json:"call"`
		Types struct {
			SQL            string `json:"sql"`
			BooleanColumn  string `json:"boolean_column"`
			BooleanWant    bool   `json:"boolean_want"`
			DatetimeColumn string `json:"datetime_column"`
		} `json:"types"`
		Write struct {
			SQL        string `json:"sql"`
			NamePrefix string `json:"name_prefix"`
			Affected   int64  `json:"affected"`
		} `json:"write"`
		Errors []struct {
			Check    string `json:"check"`
			User     string `json:"user"`
			SQL      string `json:"sql"`
			Errno    uint16 `json:"errno"`
			SQLState string `json:"sqlstate"`
		} `json:"errors"`
		BadPassword struct {
			Check    string `json:"check"`
			Password string `json:"password"`
			Errno    uint16 `json:"errno"`
			SQLState string `json:"sqlstate"`
		} `json:"bad_password"`
	}
	if err := json.Unmarshal(b, &sc); err != nil {
		return err
	}
	check := func(name string, err error) {
		if err != nil {
			fmt.Fprintf(w, "CHECK %s fail %s\n", name, strings.ReplaceAll(err.Error(), "\n", " "))
		} else {
			fmt.Fprintf(w, "CHECK %s ok\n", name)
		}
	}
	open := func(u scenarioUser) (*sql.DB, error) {
		cfg := mysql.NewConfig()
		cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName = u.User, u.Password, "tcp", host+":"+port, sc.Database
		cfg.ParseTime = true // DATETIME as time.Time
		c, err := mysql.NewConnector(cfg)
		if err != nil {
			return nil, err
		}
		db := sql.OpenDB(c)
		db.SetMaxOpenConns(1)
		return db, db.PingContext(ctx)
	}
	wantError := func(err error, errno uint16, state string) error {
		var me *mysql.MySQLError
		if !errors.As(err, &me) {
			return fmt.Errorf("got %v, want MySQL error %d (%s)", err, errno, state)
		}
		if me.Number != errno || string(me.SQLState[:]) != state {
			return fmt.Errorf("got %d (%s) %s, want %d (%s)", me.Number, me.SQLState[:], me.Message, errno, state)
		}
		return nil
	}

	db, err := open(sc.Owner)
	check("connect", err)
	if err != nil {
		return nil
	}
	defer db.Close()

	check("count", func() error {
		var n int64
		if err := db.QueryRowContext(ctx, sc.Count.SQL).Scan(&n); err != nil {
			return err
		}
		if n != sc.Count.Want {
			return fmt.Errorf("%d, want %d", n, sc.Count.Want)
		}
		return nil
	}())

	var appID string
	check("prepared", func() error {
		stmt, err := db.PrepareContext(ctx, sc.Prepared.SQL)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, r := range sc.Prepared.Runs {
			var id, mode string
			if err := stmt.QueryRowContext(ctx, r.Param).Scan(&id, &mode); err != nil {
				return fmt.Errorf("%s: %w", r.Param, err)
			}
			if mode != r.SignOnMode || !strings.HasPrefix(id, sc.Prepared.IDPrefix) {
				return fmt.Errorf("%s: id %q sign_on_mode %q, want %s... %s", r.Param, id, mode, sc.Prepared.IDPrefix, r.SignOnMode)
			}
			if i == 0 {
				appID = id
			}
		}
		return nil
	}())

	check("call", func() error {
		rows, err := db.QueryContext(ctx, sc.Call.SQL, appID, sc.Call.ValidityYears)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		n := 0
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			row := map[string]string{}
			for i, c := range cols {
				row[c] = vals[i].String
			}
			if row["app_id"] != appID || row["kty"] != sc.Call.Kty || row["kid"] == "" {
				return fmt.Errorf("row %v, want app_id %s kty %s", row, appID, sc.Call.Kty)
			}
			n++
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if n != 1 {
			return fmt.Errorf("%d rows, want 1", n)
		}
		return nil
	}())

	check("write", func() error {
		res, err := db.ExecContext(ctx, sc.Write.SQL, sc.Write.NamePrefix+"go-sql-driver")
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err == nil && n != sc.Write.Affected {
			err = fmt.Errorf("%d rows affected, want %d", n, sc.Write.Affected)
		}
		return err
	}())

	reader, err := open(sc.Reader)
	if err != nil {
		return fmt.Errorf("reader: %w", err)
	}
	defer reader.Close()
	for _, e := range sc.Errors {
		on := db
		if e.User == "reader" {
			on = reader
		}
		_, err := on.ExecContext(ctx, e.SQL)
		check(e.Check, wantError(err, e.Errno, e.SQLState))
		// The session still answers after the error.
		var n int64
		if err := on.QueryRowContext(ctx, sc.Count.SQL).Scan(&n); err != nil || n != sc.Count.Want {
			check(e.Check, fmt.Errorf("after the error: %d, %v", n, err))
		}
	}
	bad := sc.Owner
	bad.Password = sc.BadPassword.Password
	badDB, err := open(bad)
	if badDB != nil {
		badDB.Close()
	}
	check(sc.BadPassword.Check, wantError(err, sc.BadPassword.Errno, sc.BadPassword.SQLState))

	// Types. go-sql-driver maps TINYINT(1) to an integer (database/sql converts it to bool on
	// Scan); the column must be TINYINT, the value 1, and DATETIME a time.Time with parseTime.
	var flag any
	var created any
	var cts []*sql.ColumnType
	err = func() error {
		rows, err := db.QueryContext(ctx, sc.Types.SQL, appID)
		if err != nil {
			return err
		}
		defer rows.Close()
		if cts, err = rows.ColumnTypes(); err != nil {
			return err
		}
		if !rows.Next() {
			return fmt.Errorf("no row: %v", rows.Err())
		}
		return rows.Scan(&flag, &created)
	}()
	check("type-boolean", func() error {
		if err != nil {
			return err
		}
		var asBool bool
		if cts[0].DatabaseTypeName() != "TINYINT" {
			return fmt.Errorf("%s is %s, want TINYINT", sc.Types.BooleanColumn, cts[0].DatabaseTypeName())
		}
		if v, ok := flag.(int64); !ok || v != 1 {
			return fmt.Errorf("%s = %#v, want 1", sc.Types.BooleanColumn, flag)
		}
		asBool = flag.(int64) != 0
		if asBool != sc.Types.BooleanWant {
			return fmt.Errorf("%s = %v, want %v", sc.Types.BooleanColumn, asBool, sc.Types.BooleanWant)
		}
		return nil
	}())
	check("type-datetime", func() error {
		if err != nil {
			return err
		}
		if _, ok := created.(time.Time); !ok || cts[1].DatabaseTypeName() != "DATETIME" {
			return fmt.Errorf("%s = %#v (%s), want a time.Time from a DATETIME", sc.Types.DatetimeColumn, created, cts[1].DatabaseTypeName())
		}
		return nil
	}())
	return nil
}
