-- Smart charging (issue 11): sites with a grid limit, the stations that belong to them, the charging profiles the
-- manager sent or a station reported, and the allocation of a site's limit among its charging sessions.

-- A site, or a group inside one (a feeder): its limit holds for everything below it. limit_kind 'CurrentPerPhase'
-- counts limit_value in mA per phase, 'Power' in W (with the nominal phase voltage for the conversion).
CREATE TABLE sites (
    id               text PRIMARY KEY,
    name             text NOT NULL,
    parent_id        text REFERENCES sites (id) ON DELETE CASCADE CHECK (parent_id <> id),
    limit_kind       text NOT NULL CHECK (limit_kind IN ('CurrentPerPhase', 'Power')),
    limit_value      bigint NOT NULL CHECK (limit_value >= 0),
    voltage          integer NOT NULL DEFAULT 230 CHECK (voltage > 0),
    -- What a session may draw when its station does not confirm the profile it was sent (mA per phase).
    fallback_limit_ma bigint NOT NULL DEFAULT 6000 CHECK (fallback_limit_ma >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- A station belongs to at most one site (or group); its EVSEs' electrical parameters for the allocator.
CREATE TABLE site_stations (
    station_id   text PRIMARY KEY REFERENCES stations (id) ON DELETE CASCADE,
    site_id      text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    evse_max_ma  bigint NOT NULL DEFAULT 32000 CHECK (evse_max_ma > 0),
    min_ma       bigint NOT NULL DEFAULT 6000 CHECK (min_ma >= 0),
    phases       integer NOT NULL DEFAULT 3 CHECK (phases BETWEEN 1 AND 3),
    priority     integer NOT NULL DEFAULT 0,
    added_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (min_ma <= evse_max_ma)
);
CREATE INDEX site_stations_site ON site_stations (site_id);

-- Charging profiles per station and EVSE, as the manager sent them (source 'Csms', status Pending until the station
-- answers) or as the station reported them (source 'Station': 2.0.1 ReportChargingProfiles K09 and
-- NotifyChargingLimit K12; the raw calls stay in station_events). `profile` is the neutral model's JSON
-- (domain/smart_charging/charging_profile.hpp). A profile id replaces the earlier profile of that id.
CREATE TABLE charging_profiles (
    station_id     text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    source         text NOT NULL CHECK (source IN ('Csms', 'Station')),
    profile_id     bigint NOT NULL,
    evse_id        integer NOT NULL CHECK (evse_id >= 0),
    purpose        text NOT NULL CHECK (purpose IN ('StationMax', 'TxDefault', 'Tx')),
    stack_level    integer NOT NULL,
    transaction_id text,
    limit_source   text, -- 2.0.1 chargingLimitSource of a reported profile (EMS, Other, SO, CSO)
    status         text NOT NULL CHECK (status IN ('Pending', 'Accepted', 'Rejected', 'Failed', 'Cleared', 'Reported')),
    profile        jsonb NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, source, profile_id)
);
CREATE INDEX charging_profiles_station_evse ON charging_profiles (station_id, evse_id);

-- The allocation in force: one row per charging session of a site, what the allocator gave it and whether the
-- station took the profile that carries it.
CREATE TABLE site_allocations (
    site_id        text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    station_id     text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    evse_id        integer NOT NULL,
    transaction_id text NOT NULL,
    limit_ma       bigint NOT NULL CHECK (limit_ma >= 0),
    reason         text NOT NULL,
    profile_id     bigint,
    status         text NOT NULL DEFAULT 'Pending' CHECK (status IN ('Pending', 'Accepted', 'Rejected', 'Failed')),
    computed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, station_id, evse_id)
);
