-- 015: the cross-article merge's two lookups each get an index the other cannot borrow. The lookup
-- by place name led with sub_event_type too, so with stale statistics (the events table grows by a
-- batch at a time) the planner served the lookup by distance from it, scanning every event of the
-- sub-type instead of a date range: 10x slower at 40k events. Leading with place_key, it serves only
-- the lookup it was made for.
DROP INDEX IF EXISTS eventwire.events_place_key_idx;
CREATE INDEX events_place_key_idx ON eventwire.events (place_key, sub_event_type, event_date) WHERE deleted_at IS NULL;

-- Every load writes each new event into every index of eventwire.events; this one (25 distinct
-- values) served no query that events_merge_idx, which leads with the same column, does not.
DROP INDEX IF EXISTS eventwire.events_type_idx;
