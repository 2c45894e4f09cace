-- 018: the cross-article merge's lookup by distance read every live event of the sub-type dated
-- within 31 days, wherever it was (the coordinate box, behind the date range in the index, only
-- filtered index entries): its cost grew with the table (~110 entries per staged row at 100k
-- events). Leading with a 0.2-degree latitude band (the ±0.05-degree box touches one or two), the
-- index lets the lookup read the band(s), then the date range. Still led by sub_event_type, it
-- serves what events_merge_idx served.
DROP INDEX IF EXISTS eventwire.events_merge_idx;
CREATE INDEX events_merge_idx ON eventwire.events (sub_event_type, (floor(latitude * 5)), event_date, latitude, longitude)
    WHERE deleted_at IS NULL;
