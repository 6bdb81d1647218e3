// The client matrix scenario (scenario.json) for MariaDB Connector/J (JDBC): server-side
// prepared statements, DatabaseMetaData catalog reads, getObject types. Compiled with javac
// against Debian's libmariadb-java jar by cmd/credsql/clients_matrix_test.go (no Maven).
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import java.util.*;

public class ClientJDBC {
    static Map<String, Object> S;
    static final String HOST = env("CLIENT_HOST", "127.0.0.1"), PORT = env("CLIENT_PORT", "3306"), NAME = env("CLIENT_NAME", "jdbc");

    static String env(String k, String d) { String v = System.getenv(k); return v == null ? d : v; }

    interface Check { void run() throws Exception; }

    static void report(String name, boolean ok, String detail) {
        System.out.println("CHECK " + name + (ok ? " ok" : " fail " + String.valueOf(detail).replaceAll("\\s+", " ")));
    }

    static void check(String name, Check c) {
        try { c.run(); report(name, true, ""); }
        catch (Throwable e) { report(name, false, e.getClass().getSimpleName() + ": " + e.getMessage()); }
    }

    static void expect(boolean cond, String detail) { if (!cond) throw new AssertionError(detail); }

    @SuppressWarnings("unchecked") static Map<String, Object> obj(Object o) { return (Map<String, Object>) o; }
    @SuppressWarnings("unchecked") static List<Object> arr(Object o) { return (List<Object>) o; }
    static String str(Map<String, Object> m, String k) { return (String) m.get(k); }
    static int num(Map<String, Object> m, String k) { return ((Number) m.get(k)).intValue(); }

    // The JDBC URL and properties, as docs/connecting.md shows them.
    static Connection connect(String user, String password) throws SQLException {
        String url = "jdbc:mariadb://" + HOST + ":" + PORT + "/" + S.get("database");
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("useServerPrepStmts", "true");
        return DriverManager.getConnection(url, p);
    }

    static void errorCheck(Map<String, Object> e, Check c) {
        try {
            c.run();
            report(str(e, "check"), false, "no error, want " + num(e, "errno"));
        } catch (SQLException x) {
            boolean ok = x.getErrorCode() == num(e, "errno") && str(e, "sqlstate").equals(x.getSQLState());
            report(str(e, "check"), ok, "got " + x.getErrorCode() + " (" + x.getSQLState() + ") " + x.getMessage()
                + ", want " + num(e, "errno") + " (" + str(e, "sqlstate") + ")");
        } catch (Throwable x) {
            report(str(e, "check"), false, x.toString());
        }
    }

    public static void main(String[] args) throws Exception {
        S = obj(new Json(Files.readString(Path.of("scenario.json"))).value());
        Map<String, Object> owner = obj(S.get("owner")), readerU = obj(S.get("reader"));
        Connection conn;
        try {
            conn = connect(str(owner, "user"), str(owner, "password"));
            report("connect", true, "");
        } catch (SQLException e) {
            report("connect", false, e.getMessage());
            return;
        }
        Map<String, Object> count = obj(S.get("count"));
        check("count", () -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(str(count, "sql"))) {
                rs.next();
                expect(rs.getLong(1) == num(count, "want"), rs.getLong(1) + ", want " + num(count, "want"));
            }
        });

        List<String> ids = new ArrayList<>();
        Map<String, Object> prep = obj(S.get("prepared"));
        check("prepared", () -> {
            try (PreparedStatement ps = conn.prepareStatement(str(prep, "sql"))) {
                for (Object o : arr(prep.get("runs"))) {
                    Map<String, Object> r = obj(o);
                    ps.setString(1, str(r, "param"));
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(rs.next(), "no row for " + str(r, "param"));
                        expect(rs.getString("sign_on_mode").equals(str(r, "sign_on_mode")) && rs.getString("id").startsWith(str(prep, "id_prefix")),
                            rs.getString("id") + " " + rs.getString("sign_on_mode"));
                        ids.add(rs.getString("id"));
                    }
                }
            }
        });
        String appId = ids.isEmpty() ? "" : ids.get(0);

        Map<String, Object> call = obj(S.get("call"));
        check("call", () -> {
            try (PreparedStatement ps = conn.prepareStatement(str(call, "sql"))) {
                ps.setString(1, appId);
                ps.setInt(2, num(call, "validity_years"));
                try (ResultSet rs = ps.executeQuery()) {
                    expect(rs.next(), "no row");
                    expect(rs.getString("app_id").equals(appId) && rs.getString("kty").equals(str(call, "kty")), rs.getString("app_id"));
                    expect(!rs.next(), "more than one row");
                }
            }
        });

        Map<String, Object> write = obj(S.get("write"));
        check("write", () -> {
            try (PreparedStatement ps = conn.prepareStatement(str(write, "sql"))) {
                ps.setString(1, str(write, "name_prefix") + NAME);
                int n = ps.executeUpdate();
                expect(n == num(write, "affected"), n + " rows affected");
            }
        });

        try (Connection reader = connect(str(readerU, "user"), str(readerU, "password"))) {
            for (Object o : arr(S.get("errors"))) {
                Map<String, Object> e = obj(o);
                Connection on = "reader".equals(e.get("user")) ? reader : conn;
                errorCheck(e, () -> { try (Statement st = on.createStatement()) { st.execute(str(e, "sql")); } });
            }
        }
        Map<String, Object> bad = obj(S.get("bad_password"));
        errorCheck(bad, () -> connect(str(owner, "user"), str(bad, "password")).close());

        Map<String, Object> t = obj(S.get("types"));
        Object[] vals = new Object[2];
        try (PreparedStatement ps = conn.prepareStatement(str(t, "sql"))) {
            ps.setString(1, appId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) { vals[0] = rs.getObject(1); vals[1] = rs.getObject(2); }
            }
        } catch (SQLException e) {
            vals[0] = e;
        }
        // Connector/J maps TINYINT(1) to BIT: getObject is a Boolean (tinyInt1isBit, the default).
        check("type-boolean", () -> expect(Boolean.valueOf((Boolean) t.get("boolean_want")).equals(vals[0]),
            "getObject = " + vals[0] + " (" + (vals[0] == null ? "null" : vals[0].getClass().getName()) + "), want a Boolean"));
        check("type-datetime", () -> expect(vals[1] instanceof java.sql.Timestamp || vals[1] instanceof java.time.LocalDateTime,
            "getObject = " + vals[1] + " (" + (vals[1] == null ? "null" : vals[1].getClass().getName()) + ")"));

        Map<String, Object> cat = obj(S.get("catalog"));
        DatabaseMetaData md = conn.getMetaData();
        String db = (String) S.get("database");
        check("catalog-getTables", () -> {
            List<String> got = new ArrayList<>();
            try (ResultSet rs = md.getTables(db, null, "%", new String[] {"TABLE"})) { while (rs.next()) got.add(rs.getString("TABLE_NAME")); }
            expect(got.contains(str(cat, "table")), str(cat, "table") + " not in " + got);
        });
        check("catalog-getColumns", () -> {
            List<String> got = new ArrayList<>();
            try (ResultSet rs = md.getColumns(db, null, str(cat, "table"), "%")) { while (rs.next()) got.add(rs.getString("COLUMN_NAME")); }
            List<Object> want = arr(cat.get("first_columns"));
            expect(got.size() >= want.size() && got.subList(0, want.size()).equals(want), got.toString());
        });
        check("catalog-getProcedures", () -> {
            List<String> got = new ArrayList<>();
            try (ResultSet rs = md.getProcedures(db, null, "%")) { while (rs.next()) got.add(rs.getString("PROCEDURE_NAME")); }
            expect(got.contains(str(cat, "procedure")), str(cat, "procedure") + " not in " + got);
        });
        check("catalog-getProcedureColumns", () -> {
            List<String> got = new ArrayList<>();
            try (ResultSet rs = md.getProcedureColumns(db, null, str(cat, "procedure"), "%")) { while (rs.next()) got.add(rs.getString("COLUMN_NAME")); }
            expect(got.equals(arr(cat.get("procedure_params"))), got + ", want " + cat.get("procedure_params"));
        });
        conn.close();
    }

    // Json is a minimal JSON reader for scenario.json (the JDK has none).
    static final class Json {
        private final String s;
        private int i;
        Json(String s) { this.s = s; }
        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++; ws();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    ws(); String k = string(); ws(); i++; // ':'
                    m.put(k, value()); ws();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++; ws();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value()); ws();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int j = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return Double.valueOf(s.substring(j, i));
        }
        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: b.append(e);
                    }
                } else b.append(c);
            }
        }
        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    }
}
