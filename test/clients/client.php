<?php
// The client matrix scenario (scenario.json) for PHP: `php client.php pdo` runs it with PDO
// (pdo_mysql, emulated prepares off: real server-side prepared statements), `php client.php
// mysqli` with mysqli. Both wrap reads in a transaction (beginTransaction/commit, begin_transaction/commit).

$S = json_decode(file_get_contents(__DIR__ . '/scenario.json'), true);
$HOST = getenv('CLIENT_HOST') ?: '127.0.0.1';
$PORT = (int)(getenv('CLIENT_PORT') ?: 3306);
$NAME = getenv('CLIENT_NAME') ?: 'php';
$API = $argv[1] ?? 'pdo';

function report($name, $ok, $detail = '') {
    echo 'CHECK ' . $name . ($ok ? ' ok' : ' fail ' . preg_replace('/\s+/', ' ', (string)$detail)) . "\n";
}
function check($name, $fn) {
    try { $r = $fn(); report($name, true); return $r; }
    catch (Throwable $e) { report($name, false, get_class($e) . ': ' . $e->getMessage()); return null; }
}
function expect($cond, $detail) { if (!$cond) throw new Exception($detail); }
function want($e, $errno, $state) {
    report($e['check'], $errno === $e['errno'] && $state === $e['sqlstate'],
        "got $errno ($state), want {$e['errno']} ({$e['sqlstate']})");
}

// The connections, as docs/connecting.md shows them.
function pdo_connect($S, $HOST, $PORT, $user, $password) {
    $dsn = "mysql:host=$HOST;port=$PORT;dbname={$S['database']};charset=utf8mb4";
    return new PDO($dsn, $user, $password, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_EMULATE_PREPARES => false,
    ]);
}
function mysqli_connect_to($S, $HOST, $PORT, $user, $password) {
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    return new mysqli($HOST, $user, $password, $S['database'], $PORT);
}

if ($API === 'pdo') {
    $db = check('connect', fn() => pdo_connect($S, $HOST, $PORT, $S['owner']['user'], $S['owner']['password']));
    if (!$db) exit(0);
    check('count', function () use ($db, $S) {
        $n = $db->query($S['count']['sql'])->fetchColumn();
        expect((int)$n === $S['count']['want'], "$n, want {$S['count']['want']}");
    });
    $ids = [];
    check('prepared', function () use ($db, $S, &$ids) {
        $st = $db->prepare($S['prepared']['sql']);
        foreach ($S['prepared']['runs'] as $r) {
            $st->execute([$r['param']]);
            $row = $st->fetch(PDO::FETCH_ASSOC);
            $st->closeCursor();
            expect($row && $row['sign_on_mode'] === $r['sign_on_mode'] && str_starts_with($row['id'], $S['prepared']['id_prefix']), json_encode($row));
            $ids[] = $row['id'];
        }
    });
    $app = $ids[0] ?? '';
    check('call', function () use ($db, $S, $app) {
        $st = $db->prepare($S['call']['sql']);
        $st->execute([$app, $S['call']['validity_years']]);
        $rows = $st->fetchAll(PDO::FETCH_ASSOC);
        while ($st->nextRowset()) {}
        $st->closeCursor();
        expect(count($rows) === 1 && $rows[0]['app_id'] === $app && $rows[0]['kty'] === $S['call']['kty'], json_encode($rows));
    });
    check('write', function () use ($db, $S, $NAME) {
        $st = $db->prepare($S['write']['sql']);
        $st->execute([$S['write']['name_prefix'] . $NAME]);
        expect($st->rowCount() === $S['write']['affected'], $st->rowCount() . ' rows affected');
    });
    $reader = pdo_connect($S, $HOST, $PORT, $S['reader']['user'], $S['reader']['password']);
    foreach ($S['errors'] as $e) {
        try {
            (($e['user'] ?? '') === 'reader' ? $reader : $db)->query($e['sql']);
            report($e['check'], false, 'no error');
        } catch (PDOException $x) {
            want($e, $x->errorInfo[1] ?? 0, $x->errorInfo[0] ?? $x->getCode());
        }
    }
    $b = $S['bad_password'];
    try {
        pdo_connect($S, $HOST, $PORT, $S['owner']['user'], $b['password']);
        report($b['check'], false, 'connected');
    } catch (PDOException $x) {
        // mysqlnd reports every failed connect with SQLSTATE HY000, against MySQL too: the
        // error number is what PHP code can check.
        want($b, $x->getCode(), $b['sqlstate']);
    }
    $t = $S['types'];
    $st = $db->prepare($t['sql']);
    $st->execute([$app]);
    $row = $st->fetch(PDO::FETCH_NUM);
    $meta = [$st->getColumnMeta(0), $st->getColumnMeta(1)];
    $st->closeCursor();
    check('type-boolean', function () use ($row, $meta, $t) {
        // PDO reads TINYINT as an int; the column definition must say TINYINT(1).
        expect($meta[0]['native_type'] === 'TINY' && $meta[0]['len'] === $t['boolean_length'],
            "native_type {$meta[0]['native_type']} len {$meta[0]['len']}, want TINY len {$t['boolean_length']}");
        expect($row[0] === 1 && (bool)$row[0] === $t['boolean_want'], var_export($row[0], true));
    });
    check('type-datetime', function () use ($meta) {
        expect($meta[1]['native_type'] === 'DATETIME', "native_type {$meta[1]['native_type']}");
    });
    check('transaction', function () use ($db, $S) {
        expect($db->beginTransaction(), 'beginTransaction');
        expect($db->inTransaction(), 'not in a transaction after beginTransaction');
        $n = $db->query($S['count']['sql'])->fetchColumn();
        expect((int)$n === $S['count']['want'], "$n in the transaction");
        expect($db->commit(), 'commit');
    });
} else {
    $db = check('connect', fn() => mysqli_connect_to($S, $HOST, $PORT, $S['owner']['user'], $S['owner']['password']));
    if (!$db) exit(0);
    check('count', function () use ($db, $S) {
        $n = $db->query($S['count']['sql'])->fetch_row()[0];
        expect((int)$n === $S['count']['want'], "$n, want {$S['count']['want']}");
    });
    $ids = [];
    check('prepared', function () use ($db, $S, &$ids) {
        $st = $db->prepare($S['prepared']['sql']);
        foreach ($S['prepared']['runs'] as $r) {
            $p = $r['param'];
            $st->bind_param('s', $p);
            $st->execute();
            $row = $st->get_result()->fetch_assoc();
            expect($row && $row['sign_on_mode'] === $r['sign_on_mode'] && str_starts_with($row['id'], $S['prepared']['id_prefix']), json_encode($row));
            $ids[] = $row['id'];
        }
        $st->close();
    });
    $app = $ids[0] ?? '';
    check('call', function () use ($db, $S, $app) {
        $st = $db->prepare($S['call']['sql']);
        $years = $S['call']['validity_years'];
        $st->bind_param('si', $app, $years);
        $st->execute();
        $rows = $st->get_result()->fetch_all(MYSQLI_ASSOC);
        while ($st->more_results()) { $st->next_result(); }
        $st->close();
        expect(count($rows) === 1 && $rows[0]['app_id'] === $app && $rows[0]['kty'] === $S['call']['kty'], json_encode($rows));
    });
    check('write', function () use ($db, $S, $NAME) {
        $st = $db->prepare($S['write']['sql']);
        $n = $S['write']['name_prefix'] . $NAME;
        $st->bind_param('s', $n);
        $st->execute();
        expect($st->affected_rows === $S['write']['affected'], $st->affected_rows . ' rows affected');
        $st->close();
    });
    $reader = mysqli_connect_to($S, $HOST, $PORT, $S['reader']['user'], $S['reader']['password']);
    foreach ($S['errors'] as $e) {
        try {
            (($e['user'] ?? '') === 'reader' ? $reader : $db)->query($e['sql']);
            report($e['check'], false, 'no error');
        } catch (mysqli_sql_exception $x) {
            want($e, $x->getCode(), $x->getSqlState());
        }
    }
    $b = $S['bad_password'];
    try {
        mysqli_connect_to($S, $HOST, $PORT, $S['owner']['user'], $b['password']);
        report($b['check'], false, 'connected');
    } catch (mysqli_sql_exception $x) {
        // mysqlnd reports every failed connect with SQLSTATE HY000 (against MySQL too).
        want($b, $x->getCode(), $b['sqlstate']);
    }
    $t = $S['types'];
    $st = $db->prepare($t['sql']);
    $st->bind_param('s', $app);
    $st->execute();
    $res = $st->get_result();
    $row = $res->fetch_row();
    $f = $res->fetch_fields();
    $st->close();
    check('type-boolean', function () use ($row, $f, $t) {
        // mysqli reads TINYINT as an int; the column definition must say TINYINT(1).
        expect($f[0]->type === MYSQLI_TYPE_TINY && $f[0]->length === $t['boolean_length'],
            "type {$f[0]->type} length {$f[0]->length}, want TINY (1) length {$t['boolean_length']}");
        expect($row[0] === 1 && (bool)$row[0] === $t['boolean_want'], var_export($row[0], true));
    });
    check('type-datetime', function () use ($f) {
        expect($f[1]->type === MYSQLI_TYPE_DATETIME, "type {$f[1]->type}");
    });
    check('change-user', function () use ($db, $S) {
        // COM_CHANGE_USER, as connection pools reset a connection.
        expect($db->change_user($S['reader']['user'], $S['reader']['password'], $S['database']), 'change_user');
        $u = $db->query('SELECT CURRENT_USER()')->fetch_row()[0];
        expect(str_starts_with($u, $S['reader']['user'] . '@'), "CURRENT_USER() = $u");
        expect($db->change_user($S['owner']['user'], $S['owner']['password'], $S['database']), 'change_user back');
    });
    check('pconnect', function () use ($S, $HOST, $PORT) {
        // A persistent connection ("p:" host) is reused by the next connect of the process with
        // the same host, user and password, which sends COM_CHANGE_USER to reset it: same
        // connection, new session.
        $p = mysqli_connect_to($S, 'p:' . $HOST, $PORT, $S['owner']['user'], $S['owner']['password']);
        $id = $p->query('SELECT CONNECTION_ID()')->fetch_row()[0];
        $p->query("SET @pconnect = 'left over'");
        $p->close();
        $p = mysqli_connect_to($S, 'p:' . $HOST, $PORT, $S['owner']['user'], $S['owner']['password']);
        [$id2, $v, $u] = $p->query('SELECT CONNECTION_ID(), @pconnect, CURRENT_USER()')->fetch_row();
        expect($id2 === $id, "connection $id2, want the persistent connection $id again");
        expect($v === null, "@pconnect = " . var_export($v, true) . " after the reuse, want NULL");
        expect(str_starts_with($u, $S['owner']['user'] . '@'), "CURRENT_USER() = $u");
        $n = $p->query($S['count']['sql'])->fetch_row()[0];
        expect((int)$n === $S['count']['want'], "$n rows");
        $p->close();
    });
    check('transaction', function () use ($db, $S) {
        expect($db->begin_transaction(), 'begin_transaction');
        $n = $db->query($S['count']['sql'])->fetch_row()[0];
        expect((int)$n === $S['count']['want'], "$n in the transaction");
        expect($db->commit(), 'commit');
    });
}
