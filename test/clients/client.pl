#!/usr/bin/perl
# The client matrix scenario (scenario.json) for Perl DBI with DBD::MariaDB: server-side
# prepared statements (mariadb_server_prepare), column_info and table_info catalog reads.
use strict;
use warnings;
use DBI;
use JSON::PP;
use FindBin;

open(my $fh, '<', "$FindBin::Bin/scenario.json") or die $!;
my $S = decode_json(do { local $/; <$fh> });
my $HOST = $ENV{CLIENT_HOST} // '127.0.0.1';
my $PORT = $ENV{CLIENT_PORT} // 3306;
my $NAME = $ENV{CLIENT_NAME} // 'dbi';
$| = 1;

sub report { my ($name, $ok, $detail) = @_; $detail //= ''; $detail =~ s/\s+/ /g;
    print "CHECK $name " . ($ok ? 'ok' : "fail $detail") . "\n"; }
sub check { my ($name, $fn) = @_; my $r = eval { $fn->() }; if ($@) { report($name, 0, $@); return undef } report($name, 1); return $r }
sub expect { my ($cond, $detail) = @_; die "$detail\n" unless $cond }

# The DSN, as docs/connecting.md shows it.
sub connect_as {
    my ($user, $password) = @_;
    my $dsn = "DBI:MariaDB:database=$S->{database};host=$HOST;port=$PORT;mariadb_server_prepare=1";
    return DBI->connect($dsn, $user, $password, { RaiseError => 1, PrintError => 0, AutoCommit => 1 });
}
sub want_error {
    my ($e, $h) = @_;
    my ($errno, $state) = ($h->err // 0, $h->state // '');
    report($e->{check}, $errno == $e->{errno} && $state eq $e->{sqlstate},
        "got $errno ($state) " . ($h->errstr // '') . ", want $e->{errno} ($e->{sqlstate})");
}

my $dbh = check('connect', sub { connect_as($S->{owner}{user}, $S->{owner}{password}) });
exit 0 unless $dbh;

check('count', sub {
    my ($n) = $dbh->selectrow_array($S->{count}{sql});
    expect($n == $S->{count}{want}, "$n, want $S->{count}{want}");
});
my @ids;
check('prepared', sub {
    my $sth = $dbh->prepare($S->{prepared}{sql});
    for my $r (@{ $S->{prepared}{runs} }) {
        $sth->execute($r->{param});
        my $row = $sth->fetchrow_hashref;
        $sth->finish;
        expect($row && $row->{sign_on_mode} eq $r->{sign_on_mode} && index($row->{id}, $S->{prepared}{id_prefix}) == 0, "$r->{param}");
        push @ids, $row->{id};
    }
});
my $app = $ids[0] // '';
check('call', sub {
    # DBD::MariaDB reads several result sets only from a client-side prepared statement.
    my $sth = $dbh->prepare($S->{call}{sql}, { mariadb_server_prepare => 0 });
    $sth->execute($app, $S->{call}{validity_years});
    my $rows = $sth->fetchall_arrayref({});
    1 while $sth->more_results;
    expect(@$rows == 1 && $rows->[0]{app_id} eq $app && $rows->[0]{kty} eq $S->{call}{kty}, scalar(@$rows) . ' rows');
});
check('write', sub {
    my $n = $dbh->do($S->{write}{sql}, undef, $S->{write}{name_prefix} . $NAME);
    expect($n == $S->{write}{affected}, "$n rows affected");
});
my $reader = connect_as($S->{reader}{user}, $S->{reader}{password});
for my $e (@{ $S->{errors} }) {
    my $h = ($e->{user} // '') eq 'reader' ? $reader : $dbh;
    if (eval { $h->do($e->{sql}); 1 }) { report($e->{check}, 0, 'no error') } else { want_error($e, $h) }
}
{
    my $b = $S->{bad_password};
    my $h = eval { connect_as($S->{owner}{user}, $b->{password}) };
    if ($h) { report($b->{check}, 0, 'connected') }
    else { report($b->{check}, ($DBI::err // 0) == $b->{errno} && ($DBI::state // '') eq $b->{sqlstate},
        "got " . ($DBI::err // 0) . " (" . ($DBI::state // '') . "), want $b->{errno} ($b->{sqlstate})") }
}
my $t = $S->{types};
my $sth = $dbh->prepare($t->{sql});
$sth->execute($app);
my $row = $sth->fetchrow_arrayref;
my ($types, $len) = ($sth->{mariadb_type_name}, $sth->{mariadb_length});
$row = [@$row] if $row;
$sth->finish;
check('type-boolean', sub {
    # DBI reads TINYINT as a number; the column definition must say TINYINT(1). mariadb_length
    # is the length the column definition carries. PRECISION is no oracle for it: it is the
    # larger of that length and max_length, which libmariadb sets to 4 for every TINY column of
    # a server-side prepared statement (STMT_ATTR_UPDATE_MAX_LENGTH), whatever the server sends.
    expect($types->[0] eq 'tinyint' && $len->[0] == $t->{boolean_length}, "type $types->[0] length $len->[0], want tinyint length $t->{boolean_length}");
    expect($row && $row->[0] == 1, 'value ' . ($row ? $row->[0] : 'none'));
});
check('type-datetime', sub { expect($types->[1] eq 'datetime', "type $types->[1]") });

my $cat = $S->{catalog};
check('catalog-table_info', sub {
    my $ti = $dbh->table_info(undef, $S->{database}, $cat->{table}, 'TABLE');
    my @got = map { $_->{TABLE_NAME} } @{ $ti->fetchall_arrayref({}) };
    expect((grep { $_ eq $cat->{table} } @got), "got @got");
});
check('catalog-column_info', sub {
    my $ci = $dbh->column_info(undef, $S->{database}, $cat->{table}, '%');
    my @got = map { $_->{COLUMN_NAME} } @{ $ci->fetchall_arrayref({}) };
    my @want = @{ $cat->{first_columns} };
    expect("@got[0..$#want]" eq "@want", "got @got");
});
$dbh->disconnect;
