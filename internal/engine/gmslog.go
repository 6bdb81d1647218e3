package engine

import "github.com/sirupsen/logrus"

// gmsFormatter formats go-mysql-server's own log lines without the statement text it attaches
// (the "query" field of "unable to prepare query" and "error running query"): a statement may
// carry a secret as a literal, and credsql cannot know which literal is one.
type gmsFormatter struct{ inner logrus.Formatter }

func (f gmsFormatter) Format(e *logrus.Entry) ([]byte, error) {
	data := make(logrus.Fields, len(e.Data))
	for k, v := range e.Data {
		switch k {
		case "query", "Query", "sql":
			continue
		}
		data[k] = v
	}
	c := &logrus.Entry{Logger: e.Logger, Data: data, Time: e.Time, Level: e.Level, Caller: e.Caller,
		Message: e.Message, Buffer: e.Buffer, Context: e.Context}
	return f.inner.Format(c)
}
