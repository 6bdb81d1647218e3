-- title: Okta API tokens about to expire from disuse
-- description: Okta API tokens that expire in the next 7 days, or already have. An API token expires once
--   it has not been used for its token window (30 days by default), so a token this close to its end has
--   not been used for weeks: either the automation that holds it stopped, or it is about to break. is_current
--   marks the token credsql itself uses (NULL when the org does not say which one it is).
-- severity: medium
-- action: Revoke tokens nothing uses any more: DELETE FROM api_tokens WHERE id = '<id>'. For a token that is
--   still needed, find its owner (user_id, client_name) and replace it with an OAuth service app, or use it.
SELECT connection, id, name, user_id, client_name, token_window, is_current, expires_at
  FROM api_tokens
 WHERE expires_at < NOW() + INTERVAL 7 DAY
 ORDER BY expires_at, connection, name;
