-- Search (issue 16): one document per shipment, kept by the search consumer from the domain events
-- with its own cursor, in the read database. The postgres engine answers from this table; the
-- Elasticsearch engine indexes the same documents (the version below orders its writes) and
-- rebuilds its index from here.
--
-- Text is folded by Rastro before it gets here (lower case, accents removed, split on anything
-- but letters and digits), so the words are plain lexemes: no text-search configuration decides.
create extension if not exists pg_trgm;
create extension if not exists cube;
create extension if not exists earthdistance;

-- A sequence, not a counter in the row: a transaction that wrote a document to Elasticsearch and
-- then rolled back has used its version for good, so the retry writes a greater one and wins.
create sequence search_document_versions;

create table search_documents (
    tracking_number       text primary key,
    -- the shipment, from ShipmentCreated (null until it is applied)
    customer_id           uuid,
    customer_name         text,
    reference             text,
    carrier_code          text,
    created_at            timestamptz,
    origin                jsonb,
    destination           jsonb,
    origin_lat            float8,
    origin_lon            float8,
    destination_lat       float8,
    destination_lon       float8,
    shipment_words        text[] not null default '{}',
    -- the latest event by the status rule (tracking_event_rank), and the latest one with a position
    status                text not null default 'PENDING',
    last_event_id         text,
    last_occurred_at      timestamptz,
    last_event            jsonb,
    event_words           text[] not null default '{}',
    event_lat             float8,
    event_lon             float8,
    event_position_id     text,
    event_position_at     timestamptz,
    event_position_status tracking_status,
    -- where the parcel was last known to be: its latest event with coordinates, else its origin
    here_lat              float8 generated always as
                              (case when event_lat is not null then event_lat else origin_lat end) stored,
    here_lon              float8 generated always as
                              (case when event_lat is not null then event_lon else origin_lon end) stored,
    words                 tsvector generated always as (array_to_tsvector(shipment_words || event_words)) stored,
    -- drawn anew at every change: the external version of the Elasticsearch document
    version               bigint not null default nextval('search_document_versions')
);

create index search_documents_words on search_documents using gin (words);
create index search_documents_here on search_documents using gist (ll_to_earth(here_lat, here_lon));
create index search_documents_destination on search_documents
    using gist (ll_to_earth(destination_lat, destination_lon));
create index search_documents_created on search_documents (created_at desc, tracking_number);
create index search_documents_customer on search_documents (customer_id, created_at desc, tracking_number);

-- Every word any document holds, once: where a query word of five letters or more finds the words
-- one typo away (a trigram index narrows, Rastro checks the edit distance).
create table search_words (
    word text primary key
);
create index search_words_trigrams on search_words using gin (word gin_trgm_ops);

-- The great-circle distance in kilometres on the mean Earth radius, as Elasticsearch computes it
-- (haversine, 6,371,008.7714 m), so that both engines draw the same circle. earthdistance's index
-- (on its own 6,378,168 m sphere) only narrows the rows this decides on.
create function search_distance_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8)
    returns float8
    language sql immutable parallel safe
    return 2 * 6371.0087714 * asin(sqrt(
        power(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)));
