# The client matrix scenario (scenario.json) for Ruby mysql2: server-side prepared statements
# (client.prepare), cast_booleans mapping TINYINT(1) to true/false.
require 'json'
require 'mysql2'

S = JSON.parse(File.read(File.join(__dir__, 'scenario.json')))
HOST = ENV.fetch('CLIENT_HOST', '127.0.0.1')
PORT = Integer(ENV.fetch('CLIENT_PORT', '3306'))
NAME = ENV.fetch('CLIENT_NAME', 'ruby-mysql2')
$stdout.sync = true

def report(name, ok, detail = '')
  puts "CHECK #{name} #{ok ? 'ok' : 'fail ' + detail.to_s.gsub(/\s+/, ' ')}"
end

def check(name)
  r = yield
  report(name, true)
  r
rescue StandardError => e
  report(name, false, "#{e.class}: #{e.message}")
  nil
end

def expect(cond, detail)
  raise detail unless cond
end

# The connection, as docs/connecting.md shows it.
def connect(user, password)
  Mysql2::Client.new(host: HOST, port: PORT, username: user, password: password,
                     database: S['database'], cast_booleans: true)
end

def want_error(e, err)
  report(e['check'], err.error_number == e['errno'] && err.sql_state == e['sqlstate'],
         "got #{err.error_number} (#{err.sql_state}) #{err.message}, want #{e['errno']} (#{e['sqlstate']})")
end

db = check('connect') { connect(S['owner']['user'], S['owner']['password']) }
exit 0 unless db

check('count') do
  n = db.query(S['count']['sql'], as: :array).first[0]
  expect(n == S['count']['want'], "#{n}, want #{S['count']['want']}")
end
ids = []
check('prepared') do
  st = db.prepare(S['prepared']['sql'])
  S['prepared']['runs'].each do |r|
    row = st.execute(r['param']).first
    expect(row && row['sign_on_mode'] == r['sign_on_mode'] && row['id'].start_with?(S['prepared']['id_prefix']), row.inspect)
    ids << row['id']
  end
  st.close
end
app = ids.first || ''
check('call') do
  st = db.prepare(S['call']['sql'])
  rows = st.execute(app, S['call']['validity_years']).to_a
  db.abandon_results!
  st.close
  expect(rows.size == 1 && rows[0]['app_id'] == app && rows[0]['kty'] == S['call']['kty'], rows.inspect[0, 300])
end
check('write') do
  st = db.prepare(S['write']['sql'])
  st.execute(S['write']['name_prefix'] + NAME)
  expect(st.affected_rows == S['write']['affected'], "#{st.affected_rows} rows affected")
  st.close
end
reader = connect(S['reader']['user'], S['reader']['password'])
S['errors'].each do |e|
  (e['user'] == 'reader' ? reader : db).query(e['sql'])
  report(e['check'], false, 'no error')
rescue Mysql2::Error => err
  want_error(e, err)
end
begin
  connect(S['owner']['user'], S['bad_password']['password'])
  report(S['bad_password']['check'], false, 'connected')
rescue Mysql2::Error => err
  want_error(S['bad_password'], err)
end
t = S['types']
st = db.prepare(t['sql'])
row = st.execute(app).first
st.close
check('type-boolean') do
  # cast_booleans: a TINYINT(1) column reads as true/false.
  v = row && row[t['boolean_column']]
  expect(v == t['boolean_want'], "#{v.inspect}, want #{t['boolean_want']}")
end
check('type-datetime') do
  v = row && row[t['datetime_column']]
  expect(v.is_a?(Time), "#{v.inspect} (#{v.class}), want a Time")
end
