package engine

import (
	"time"

	"github.com/dolthub/go-mysql-server/sql"
)

// credsql has no events, but GUI tools list them (SHOW EVENTS, information_schema.EVENTS):
// answer with none instead of "database doesn't support events".
var _ sql.EventDatabase = (*database)(nil)

func (d *database) GetEvent(*sql.Context, string) (sql.EventDefinition, bool, error) {
	return sql.EventDefinition{}, false, nil
}
func (d *database) GetEvents(*sql.Context) ([]sql.EventDefinition, interface{}, error) {
	return nil, nil, nil
}
func (d *database) SaveEvent(*sql.Context, sql.EventDefinition) (bool, error) {
	return false, errNoViews
}
func (d *database) DropEvent(*sql.Context, string) error { return errNoViews }
func (d *database) UpdateEvent(*sql.Context, string, sql.EventDefinition) (bool, error) {
	return false, errNoViews
}
func (d *database) UpdateLastExecuted(*sql.Context, string, time.Time) error { return nil }
func (d *database) NeedsToReloadEvents(*sql.Context, interface{}) (bool, error) {
	return false, nil
}
