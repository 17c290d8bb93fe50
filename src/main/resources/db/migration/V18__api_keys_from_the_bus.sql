-- A query role (rastro.role=query) keeps the API keys the bus brings in a database of its own, which
-- holds no customers and no carriers: the keys no longer reference those tables. The command that
-- issues a key still refuses an unknown customer or carrier (422), and neither is ever deleted.
alter table api_keys drop constraint api_keys_customer_id_fkey;
alter table api_keys drop constraint api_keys_carrier_code_fkey;
