-- Every row of the embedded queue is inserted once and deleted once, and a worker's claim reads the
-- primary key from the oldest id: until vacuum removes the dead rows at the head of that index,
-- each claim steps over all of them (the harness's profile showed a claim taking 0.1 s under
-- single-event ingest). Vacuum this table after every thousand deletions, without pausing, instead
-- of after a fifth of it.
alter table ingest_queue set (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 1000);
