--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: likeness_is_day(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.likeness_is_day(v text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $_$
BEGIN
  RETURN v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char(v::date, 'YYYY-MM-DD') = v;
EXCEPTION WHEN others THEN
  RETURN false;
END $_$;


--
-- Name: likeness_is_id(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.likeness_is_id(v text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $_$ SELECT v ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' $_$;


--
-- Name: likeness_is_json(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.likeness_is_json(v text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $$
BEGIN
  PERFORM v::jsonb;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END $$;


--
-- Name: likeness_is_json_array(text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.likeness_is_json_array(v text, non_empty boolean) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $$
DECLARE
  parsed jsonb;
BEGIN
  parsed := v::jsonb;
  RETURN jsonb_typeof(parsed) = 'array' AND (NOT non_empty OR jsonb_array_length(parsed) > 0);
EXCEPTION WHEN others THEN
  RETURN false;
END $$;


--
-- Name: likeness_notify_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.likeness_notify_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  PERFORM pg_notify('likeness_registry_change', '');
  RETURN NULL;
END $$;


--
-- Name: likeness_refuse(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.likeness_refuse() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END $$;


--
-- Name: likeness_track_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.likeness_track_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  changed jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
BEGIN
  IF EXISTS (SELECT 1 FROM registry_bulk_write) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(21472685864124418);
  INSERT INTO registry_change(entity, entity_id) VALUES (TG_TABLE_NAME, changed ->> TG_ARGV[0]);
  RETURN NULL;
END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: account; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account (
    username text NOT NULL COLLATE pg_catalog."C",
    role text NOT NULL COLLATE pg_catalog."C",
    password_hash text NOT NULL COLLATE pg_catalog."C",
    created_at text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT account_password_hash_check CHECK ((password_hash ~~ '$argon2id$%'::text)),
    CONSTRAINT account_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'casting'::text, 'production'::text, 'privacy'::text, 'auditor'::text, 'studio'::text]))),
    CONSTRAINT account_username_check CHECK (public.likeness_is_id(username))
);


--
-- Name: account_key; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_key (
    username text NOT NULL COLLATE pg_catalog."C",
    public_key bytea NOT NULL,
    wrapped_private_key bytea NOT NULL,
    kdf_salt bytea NOT NULL,
    kdf_parameters text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT account_key_kdf_salt_check CHECK ((length(kdf_salt) = 16)),
    CONSTRAINT account_key_public_key_check CHECK ((length(public_key) = 32))
);


--
-- Name: alert_delivery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alert_delivery (
    key text NOT NULL COLLATE pg_catalog."C",
    grant_id text NOT NULL COLLATE pg_catalog."C",
    delivered_at text NOT NULL COLLATE pg_catalog."C"
);


--
-- Name: api_key; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_key (
    id text NOT NULL COLLATE pg_catalog."C",
    name text NOT NULL COLLATE pg_catalog."C",
    role text NOT NULL COLLATE pg_catalog."C",
    key_hash text NOT NULL COLLATE pg_catalog."C",
    created_at text NOT NULL COLLATE pg_catalog."C",
    created_by text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT api_key_id_check CHECK (public.likeness_is_id(id)),
    CONSTRAINT api_key_key_hash_check CHECK ((length(key_hash) = 64)),
    CONSTRAINT api_key_name_check CHECK ((length(TRIM(BOTH FROM name)) > 0)),
    CONSTRAINT api_key_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'casting'::text, 'production'::text, 'privacy'::text, 'auditor'::text, 'studio'::text])))
);


--
-- Name: approval; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.approval (
    id text NOT NULL COLLATE pg_catalog."C",
    production text NOT NULL COLLATE pg_catalog."C",
    performer text COLLATE pg_catalog."C",
    uses text COLLATE pg_catalog."C",
    destinations text COLLATE pg_catalog."C",
    covers text NOT NULL COLLATE pg_catalog."C",
    valid_until text COLLATE pg_catalog."C",
    approved_by text NOT NULL COLLATE pg_catalog."C",
    reference text NOT NULL COLLATE pg_catalog."C",
    status text NOT NULL COLLATE pg_catalog."C",
    revoked_at text COLLATE pg_catalog."C",
    revoked_by text COLLATE pg_catalog."C",
    revoke_reason text COLLATE pg_catalog."C",
    recorded_at text NOT NULL COLLATE pg_catalog."C",
    recorded_by text NOT NULL COLLATE pg_catalog."C",
    rowid bigint NOT NULL,
    CONSTRAINT approval_approved_by_check CHECK ((length(TRIM(BOTH FROM approved_by)) > 0)),
    CONSTRAINT approval_check CHECK (((status = 'revoked'::text) = (revoked_at IS NOT NULL))),
    CONSTRAINT approval_covers_check CHECK (public.likeness_is_json_array(covers, true)),
    CONSTRAINT approval_destinations_check CHECK (((destinations IS NULL) OR public.likeness_is_json_array(destinations, false))),
    CONSTRAINT approval_id_check CHECK (public.likeness_is_id(id)),
    CONSTRAINT approval_reference_check CHECK ((length(TRIM(BOTH FROM reference)) > 0)),
    CONSTRAINT approval_status_check CHECK ((status = ANY (ARRAY['active'::text, 'revoked'::text]))),
    CONSTRAINT approval_uses_check CHECK (((uses IS NULL) OR public.likeness_is_json_array(uses, false))),
    CONSTRAINT approval_valid_until_check CHECK (((valid_until IS NULL) OR public.likeness_is_day(valid_until)))
);


--
-- Name: approval_request; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.approval_request (
    id text NOT NULL COLLATE pg_catalog."C",
    check_id text NOT NULL COLLATE pg_catalog."C",
    production text NOT NULL COLLATE pg_catalog."C",
    performer text COLLATE pg_catalog."C",
    use text NOT NULL COLLATE pg_catalog."C",
    destination text NOT NULL COLLATE pg_catalog."C",
    requirements text NOT NULL COLLATE pg_catalog."C",
    note text NOT NULL COLLATE pg_catalog."C",
    state text NOT NULL COLLATE pg_catalog."C",
    requested_by text NOT NULL COLLATE pg_catalog."C",
    requested_at text NOT NULL COLLATE pg_catalog."C",
    contact text COLLATE pg_catalog."C",
    approval text COLLATE pg_catalog."C",
    decided_by text COLLATE pg_catalog."C",
    decided_at text COLLATE pg_catalog."C",
    reason text COLLATE pg_catalog."C",
    CONSTRAINT approval_request_check CHECK (((state = 'open'::text) = (decided_at IS NULL))),
    CONSTRAINT approval_request_check1 CHECK (((state = 'approved'::text) = (approval IS NOT NULL))),
    CONSTRAINT approval_request_destination_check CHECK ((destination = ANY (ARRAY['temporary'::text, 'final'::text, 'marketing'::text]))),
    CONSTRAINT approval_request_id_check CHECK (public.likeness_is_id(id)),
    CONSTRAINT approval_request_note_check CHECK ((length(note) >= 20)),
    CONSTRAINT approval_request_requirements_check CHECK (public.likeness_is_json_array(requirements, true)),
    CONSTRAINT approval_request_state_check CHECK ((state = ANY (ARRAY['open'::text, 'approved'::text, 'declined'::text, 'withdrawn'::text])))
);


--
-- Name: approval_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.approval ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.approval_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: audit_entry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_entry (
    seq bigint NOT NULL,
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C",
    action text NOT NULL COLLATE pg_catalog."C",
    subject text NOT NULL COLLATE pg_catalog."C",
    detail text COLLATE pg_catalog."C",
    prev_hash text NOT NULL COLLATE pg_catalog."C",
    hash text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT audit_entry_hash_check CHECK ((length(hash) = 64)),
    CONSTRAINT audit_entry_prev_hash_check CHECK ((length(prev_hash) = 64))
);


--
-- Name: audit_head; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_head (
    id integer NOT NULL,
    seq bigint NOT NULL,
    hash text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT audit_head_id_check CHECK ((id = 1))
);


--
-- Name: check_receipt; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.check_receipt (
    id text NOT NULL COLLATE pg_catalog."C",
    decided_at text NOT NULL COLLATE pg_catalog."C",
    decision text NOT NULL COLLATE pg_catalog."C",
    production text NOT NULL COLLATE pg_catalog."C",
    performer text COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C",
    dictionary bigint,
    body bytea NOT NULL,
    rowid bigint NOT NULL,
    CONSTRAINT check_receipt_decision_check CHECK ((decision = ANY (ARRAY['allowed'::text, 'notify'::text, 'needs-approval'::text, 'denied'::text])))
);


--
-- Name: check_receipt_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.check_receipt ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.check_receipt_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: check_reliance; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.check_reliance (
    grant_id text NOT NULL COLLATE pg_catalog."C",
    check_id text NOT NULL COLLATE pg_catalog."C",
    production text NOT NULL COLLATE pg_catalog."C",
    decision text NOT NULL COLLATE pg_catalog."C",
    decided_at text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT check_reliance_decision_check CHECK ((decision = ANY (ARRAY['allowed'::text, 'notify'::text])))
);


--
-- Name: consent_grant; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.consent_grant (
    id text NOT NULL COLLATE pg_catalog."C",
    performer text NOT NULL COLLATE pg_catalog."C",
    production text COLLATE pg_catalog."C",
    uses text NOT NULL COLLATE pg_catalog."C",
    aspects text NOT NULL COLLATE pg_catalog."C",
    destinations text NOT NULL COLLATE pg_catalog."C",
    territories text NOT NULL COLLATE pg_catalog."C",
    excluded_content text NOT NULL COLLATE pg_catalog."C",
    valid_from text NOT NULL COLLATE pg_catalog."C",
    valid_until text NOT NULL COLLATE pg_catalog."C",
    signed_by text NOT NULL COLLATE pg_catalog."C",
    survives_death integer NOT NULL,
    description text NOT NULL COLLATE pg_catalog."C",
    evidence text COLLATE pg_catalog."C",
    status text NOT NULL COLLATE pg_catalog."C",
    recorded_at text NOT NULL COLLATE pg_catalog."C",
    recorded_by text NOT NULL COLLATE pg_catalog."C",
    rowid bigint NOT NULL,
    CONSTRAINT consent_grant_aspects_check CHECK (public.likeness_is_json_array(aspects, true)),
    CONSTRAINT consent_grant_check CHECK ((public.likeness_is_day(valid_until) AND (valid_until >= valid_from))),
    CONSTRAINT consent_grant_description_check CHECK ((length(description) >= 20)),
    CONSTRAINT consent_grant_destinations_check CHECK (public.likeness_is_json_array(destinations, true)),
    CONSTRAINT consent_grant_evidence_check CHECK (((evidence IS NULL) OR public.likeness_is_json(evidence))),
    CONSTRAINT consent_grant_excluded_content_check CHECK (public.likeness_is_json_array(excluded_content, false)),
    CONSTRAINT consent_grant_id_check CHECK (public.likeness_is_id(id)),
    CONSTRAINT consent_grant_signed_by_check CHECK ((signed_by = ANY (ARRAY['performer'::text, 'guardian'::text, 'estate'::text, 'representative'::text]))),
    CONSTRAINT consent_grant_status_check CHECK ((status = ANY (ARRAY['active'::text, 'revoked'::text, 'suspended'::text]))),
    CONSTRAINT consent_grant_survives_death_check CHECK ((survives_death = ANY (ARRAY[0, 1]))),
    CONSTRAINT consent_grant_territories_check CHECK (public.likeness_is_json_array(territories, true)),
    CONSTRAINT consent_grant_uses_check CHECK (public.likeness_is_json_array(uses, true)),
    CONSTRAINT consent_grant_valid_from_check CHECK (public.likeness_is_day(valid_from))
);


--
-- Name: consent_grant_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.consent_grant ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.consent_grant_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event (
    seq bigint NOT NULL,
    id text NOT NULL COLLATE pg_catalog."C",
    type text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    body text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT event_type_check CHECK ((type = ANY (ARRAY['grant.created'::text, 'grant.revoked'::text, 'grant.suspended'::text, 'grant.resumed'::text, 'approval.created'::text, 'approval.revoked'::text, 'approval-request.created'::text, 'approval-request.decided'::text, 'union.strike-changed'::text])))
);


--
-- Name: event_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.event ALTER COLUMN seq ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.event_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: grant_status_change; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.grant_status_change (
    id bigint NOT NULL,
    grant_id text NOT NULL COLLATE pg_catalog."C",
    status text NOT NULL COLLATE pg_catalog."C",
    reason text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT grant_status_change_reason_check CHECK ((length(TRIM(BOTH FROM reason)) > 0)),
    CONSTRAINT grant_status_change_status_check CHECK ((status = ANY (ARRAY['active'::text, 'revoked'::text, 'suspended'::text])))
);


--
-- Name: grant_status_change_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.grant_status_change ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.grant_status_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: login_failure; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_failure (
    key_hash text NOT NULL COLLATE pg_catalog."C",
    failed_at bigint NOT NULL,
    attempt bigint DEFAULT 0 NOT NULL
);


--
-- Name: performer; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.performer (
    id text NOT NULL COLLATE pg_catalog."C",
    name text NOT NULL COLLATE pg_catalog."C",
    minor_until text COLLATE pg_catalog."C",
    deceased_on text COLLATE pg_catalog."C",
    created_at text NOT NULL COLLATE pg_catalog."C",
    rowid bigint NOT NULL,
    CONSTRAINT performer_deceased_on_check CHECK (((deceased_on IS NULL) OR public.likeness_is_day(deceased_on))),
    CONSTRAINT performer_id_check CHECK (public.likeness_is_id(id)),
    CONSTRAINT performer_minor_until_check CHECK (((minor_until IS NULL) OR public.likeness_is_day(minor_until))),
    CONSTRAINT performer_name_check CHECK ((length(TRIM(BOTH FROM name)) > 0))
);


--
-- Name: performer_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.performer ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.performer_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: personal_record; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.personal_record (
    performer text NOT NULL COLLATE pg_catalog."C",
    generation bigint NOT NULL,
    encapsulated_key bytea NOT NULL,
    ciphertext bytea NOT NULL,
    updated_at text NOT NULL COLLATE pg_catalog."C",
    updated_by text NOT NULL COLLATE pg_catalog."C"
);


--
-- Name: production; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.production (
    id text NOT NULL COLLATE pg_catalog."C",
    title text NOT NULL COLLATE pg_catalog."C",
    studio text COLLATE pg_catalog."C",
    created_at text NOT NULL COLLATE pg_catalog."C",
    non_fiction integer DEFAULT 0 NOT NULL,
    contact text COLLATE pg_catalog."C",
    rowid bigint NOT NULL,
    CONSTRAINT production_id_check CHECK (public.likeness_is_id(id)),
    CONSTRAINT production_non_fiction_check CHECK ((non_fiction = ANY (ARRAY[0, 1]))),
    CONSTRAINT production_title_check CHECK ((length(TRIM(BOTH FROM title)) > 0))
);


--
-- Name: production_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.production ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.production_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: receipt_dictionary; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.receipt_dictionary (
    id bigint NOT NULL,
    trained_at text NOT NULL COLLATE pg_catalog."C",
    samples integer NOT NULL,
    bytes bytea NOT NULL,
    CONSTRAINT receipt_dictionary_samples_check CHECK ((samples > 0))
);


--
-- Name: registry_bulk_write; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.registry_bulk_write (
    marked integer NOT NULL,
    CONSTRAINT registry_bulk_write_marked_check CHECK ((marked = 1))
);


--
-- Name: registry_change; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.registry_change (
    seq bigint NOT NULL,
    entity text NOT NULL COLLATE pg_catalog."C",
    entity_id text NOT NULL COLLATE pg_catalog."C"
);


--
-- Name: registry_change_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.registry_change ALTER COLUMN seq ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.registry_change_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: role; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.role (
    id text NOT NULL COLLATE pg_catalog."C",
    production text NOT NULL COLLATE pg_catalog."C",
    performer text NOT NULL COLLATE pg_catalog."C",
    name text NOT NULL COLLATE pg_catalog."C",
    category text NOT NULL COLLATE pg_catalog."C",
    "union" text COLLATE pg_catalog."C",
    created_at text NOT NULL COLLATE pg_catalog."C",
    rowid bigint NOT NULL,
    CONSTRAINT role_category_check CHECK ((category = ANY (ARRAY['principal'::text, 'background'::text, 'stunt'::text, 'voice'::text, 'other'::text]))),
    CONSTRAINT role_id_check CHECK (public.likeness_is_id(id)),
    CONSTRAINT role_name_check CHECK ((length(TRIM(BOTH FROM name)) > 0)),
    CONSTRAINT role_union_check CHECK ((("union" IS NULL) OR public.likeness_is_id("union")))
);


--
-- Name: role_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.role ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.role_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: schema_migration; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migration (
    id text NOT NULL COLLATE pg_catalog."C",
    applied_order integer NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: signing_key; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signing_key (
    kid text NOT NULL COLLATE pg_catalog."C",
    public_key bytea NOT NULL,
    created_at text NOT NULL COLLATE pg_catalog."C",
    retired_at text COLLATE pg_catalog."C",
    CONSTRAINT signing_key_public_key_check CHECK ((length(public_key) = 32))
);


--
-- Name: tool; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tool (
    id text NOT NULL COLLATE pg_catalog."C",
    name text NOT NULL COLLATE pg_catalog."C",
    vendor text COLLATE pg_catalog."C",
    retains_inputs integer NOT NULL,
    enterprise_secured integer NOT NULL,
    created_at text NOT NULL COLLATE pg_catalog."C",
    rowid bigint NOT NULL,
    CONSTRAINT tool_enterprise_secured_check CHECK ((enterprise_secured = ANY (ARRAY[0, 1]))),
    CONSTRAINT tool_id_check CHECK (public.likeness_is_id(id)),
    CONSTRAINT tool_name_check CHECK ((length(TRIM(BOTH FROM name)) > 0)),
    CONSTRAINT tool_retains_inputs_check CHECK ((retains_inputs = ANY (ARRAY[0, 1])))
);


--
-- Name: tool_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.tool ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.tool_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: union_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.union_state (
    name text NOT NULL COLLATE pg_catalog."C",
    strike integer NOT NULL,
    updated_at text NOT NULL COLLATE pg_catalog."C",
    updated_by text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT union_state_name_check CHECK (public.likeness_is_id(name)),
    CONSTRAINT union_state_strike_check CHECK ((strike = ANY (ARRAY[0, 1])))
);


--
-- Name: use_register; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.use_register (
    production text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    use text NOT NULL COLLATE pg_catalog."C",
    destination text NOT NULL COLLATE pg_catalog."C",
    tool text NOT NULL COLLATE pg_catalog."C",
    performer text NOT NULL COLLATE pg_catalog."C",
    decision text NOT NULL COLLATE pg_catalog."C",
    checks bigint NOT NULL,
    CONSTRAINT use_register_checks_check CHECK ((checks > 0))
);


--
-- Name: use_register_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.use_register_log (
    production text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    use text NOT NULL COLLATE pg_catalog."C",
    destination text NOT NULL COLLATE pg_catalog."C",
    tool text NOT NULL COLLATE pg_catalog."C",
    performer text NOT NULL COLLATE pg_catalog."C",
    decision text NOT NULL COLLATE pg_catalog."C",
    checks bigint NOT NULL,
    rowid bigint NOT NULL,
    CONSTRAINT use_register_log_checks_check CHECK ((checks > 0))
);


--
-- Name: use_register_log_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.use_register_log ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.use_register_log_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: vault_grant; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.vault_grant (
    username text NOT NULL COLLATE pg_catalog."C",
    generation bigint NOT NULL,
    encapsulated_key bytea NOT NULL,
    sealed_private_key bytea NOT NULL
);


--
-- Name: vault_key; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.vault_key (
    generation bigint NOT NULL,
    public_key bytea NOT NULL,
    created_at text NOT NULL COLLATE pg_catalog."C",
    retired_at text COLLATE pg_catalog."C",
    CONSTRAINT vault_key_public_key_check CHECK ((length(public_key) = 32))
);


--
-- Name: webhook; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook (
    id text NOT NULL COLLATE pg_catalog."C",
    url text NOT NULL COLLATE pg_catalog."C",
    events text NOT NULL COLLATE pg_catalog."C",
    sealed_secret bytea NOT NULL,
    created_at text NOT NULL COLLATE pg_catalog."C",
    created_by text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT webhook_events_check CHECK (public.likeness_is_json_array(events, true))
);


--
-- Name: webhook_delivery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_delivery (
    webhook_id text NOT NULL COLLATE pg_catalog."C",
    event_seq bigint NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL COLLATE pg_catalog."C",
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at text NOT NULL COLLATE pg_catalog."C",
    last_status integer,
    last_error text COLLATE pg_catalog."C",
    delivered_at text COLLATE pg_catalog."C",
    CONSTRAINT webhook_delivery_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT webhook_delivery_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'delivered'::text, 'failed'::text])))
);


--
-- Data for Name: account; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.account VALUES ('admin', 'admin', '$argon2id$v=19$m=19456,t=2,p=1$jqa6vlmCsLB8zbjsQ2Iy6A$8nuH/sAyXmOD5qtHye6DmCo0Ho9i5+Vc2CS+bO4RAB4', '2026-11-28 09:00:00.000');
INSERT INTO public.account VALUES ('casting', 'casting', '$argon2id$v=19$m=19456,t=2,p=1$P5GARoR83AYbrGNLc3tlGQ$YXCbYAcvtfubvh+7wuLaGadWVGo8stIo+eL2IXg+ZEk', '2026-11-28 09:00:00.000');
INSERT INTO public.account VALUES ('production', 'production', '$argon2id$v=19$m=19456,t=2,p=1$+pnGMlSGSPzbb5XLiZHHkA$YS+oquL4DG9Y0Y0JGVydg/7UptwempunHeN+es7JR+4', '2026-11-28 09:00:00.000');
INSERT INTO public.account VALUES ('auditor', 'auditor', '$argon2id$v=19$m=19456,t=2,p=1$cMncXV+t9qLGFN0HZYZnYQ$EeWS061My76mG3WIXCgvydLHdN5ttcuh1j5dzfhYmuo', '2026-11-28 09:00:00.000');
INSERT INTO public.account VALUES ('studio', 'studio', '$argon2id$v=19$m=19456,t=2,p=1$fHQcHh6sEp21A+Oad0OhMA$3OX68oCeyKvD1SJSjrX/PGvI4jL8H3wiWZnJtml9b1Y', '2026-11-28 09:00:00.000');
INSERT INTO public.account VALUES ('privacy', 'privacy', '$argon2id$v=19$m=19456,t=2,p=1$KluNS3imU9iLzDcvLMp1XA$vcKl7SbBRiWvFXE8uujzCNTj2xyaXJ0bfvTf3xzW9fM', '2026-11-28 09:00:00.000');
INSERT INTO public.account VALUES ('casting2', 'casting', '$argon2id$v=19$m=19456,t=2,p=1$Gk7feG0GB9O3q1y54HuQ3w$wTRh5WDQ5tKZ4LXns6S31Yg5umO4iQH7PQVY86YIOUk', '2026-11-28 09:00:00.000');


--
-- Data for Name: account_key; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.account_key VALUES ('admin', '\x95cac550fa4f2c445928a638fa21b60898d1358f9ea8c3749d9405facd88c47f', '\xf2ba605dce926cd0383268e3d975c3422c4c369dfb2e112e89bbb2b01518c277171394d742ec1c74619c8740ffc3ccf7558612f198fd8554f488fd98', '\x723cc7cc412e2cae6373878645fe641a', 'argon2id;m=19456;t=2;p=1');
INSERT INTO public.account_key VALUES ('privacy', '\x7a3efae6f600e13978b6ac0d250db042c25dde80641981da21564695d3df0835', '\xae692c892c07ce67749af75f83d2c1175184b41ffcc4a7180857f0d3cb2a68c7b02bcbc5aa5da6245c1e26f1950cba08008e6a8f63049fd386d160c9', '\x8b1ace1e0145f97983f632db4b546848', 'argon2id;m=19456;t=2;p=1');


--
-- Data for Name: alert_delivery; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.alert_delivery VALUES ('expiring:g-liam-1:30', 'g-liam-1', '2026-11-28 09:00:00.000');
INSERT INTO public.alert_delivery VALUES ('expiring:g-liam-1:7', 'g-liam-1', '2026-11-28 09:00:00.000');
INSERT INTO public.alert_delivery VALUES ('expiring:g-liam-1:1', 'g-liam-1', '2026-11-28 09:00:00.000');
INSERT INTO public.alert_delivery VALUES ('expiring:g-ana-2:30', 'g-ana-2', '2026-11-28 09:00:00.000');
INSERT INTO public.alert_delivery VALUES ('expiring:g-nina-1:30', 'g-nina-1', '2026-11-28 09:00:00.000');
INSERT INTO public.alert_delivery VALUES ('expiring:g-upgrade:30', 'g-upgrade', '2026-11-28 09:00:00.000');
INSERT INTO public.alert_delivery VALUES ('expiring:g-jonas-1:30', 'g-jonas-1', '2026-11-28 09:00:00.000');
INSERT INTO public.alert_delivery VALUES ('expiring:g-grace-1:30', 'g-grace-1', '2026-11-28 09:00:00.000');
INSERT INTO public.alert_delivery VALUES ('expiring:g-sofia-1:30', 'g-sofia-1', '2026-11-28 09:00:00.000');


--
-- Data for Name: api_key; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.api_key VALUES ('key-01a22161fe80a5fa066e22d75fe7', 'pipeline', 'production', 'd154747d7f8f853c8b62a85276915c42284f44a8cbb57821360685a80e9ce2e4', '2026-11-28 09:00:00.000', 'cli:operator');


--
-- Data for Name: approval; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.approval OVERRIDING SYSTEM VALUE VALUES ('ap-nova', 'prod-nova', NULL, NULL, NULL, '["talent-likeness"]', NULL, 'Dana Whitfield (Northlight)', 'NL-APPROVAL-017', 'active', NULL, NULL, NULL, '2026-11-28 09:00:00.000', 'upgrade-fixture', 1);
INSERT INTO public.approval OVERRIDING SYSTEM VALUE VALUES ('ap-eternaut-final', 'prod-eternaut', 'p-ana', '["replica","new-performance"]', '["final"]', '["talent-likeness","final-deliverable"]', '2027-12-31', 'Marta Ibáñez (Southern Cross)', 'SC-2026-88', 'active', NULL, NULL, NULL, '2026-11-28 09:00:00.000', 'upgrade-fixture', 2);
INSERT INTO public.approval OVERRIDING SYSTEM VALUE VALUES ('ap-harbor', 'prod-harbor', NULL, NULL, NULL, '["talent-likeness","final-deliverable","synthetic-performer"]', NULL, 'Dana Whitfield (Northlight)', 'NL-APPROVAL-031', 'active', NULL, NULL, NULL, '2026-11-28 09:00:00.000', 'upgrade-fixture', 3);
INSERT INTO public.approval OVERRIDING SYSTEM VALUE VALUES ('ap-01a22161fe80f79189b672bb3293', 'prod-nova', 'p-lena', '["replica"]', '["final"]', '["final-deliverable"]', '2027-06-30', 'studio', 'MEMO-77', 'active', NULL, NULL, NULL, '2026-11-28 09:00:00.000', 'studio', 4);
INSERT INTO public.approval OVERRIDING SYSTEM VALUE VALUES ('ap-upgrade', 'prod-upgrade', 'p-upgrade', '["replica"]', '["marketing"]', '["talent-likeness","realistic-depiction"]', '2027-01-31', 'Head of legal', 'MEMO-78', 'revoked', '2026-11-28 09:00:00.000', 'studio', 'The campaign was dropped', '2026-11-28 09:00:00.000', 'studio', 5);


--
-- Data for Name: approval_request; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.approval_request VALUES ('req-01a22161fe80b7a5ec196be0e09a', 'chk-01a22161fe80a13c77ed342c0904', 'prod-nova', 'p-lena', 'replica', 'final', '["final-deliverable"]', 'Lena''s face replica in the final cut of episode 4, released in Germany', 'open', 'production', '2026-11-28 09:00:00.000', 'studio', NULL, NULL, NULL, NULL);
INSERT INTO public.approval_request VALUES ('req-01a22161fe8016122146acf65789', 'chk-01a22161fe80372cf17cf6d2d6c7', 'prod-nova', 'p-lena', 'replica', 'final', '["final-deliverable"]', 'Lena''s face replica in the final cut of episode 4, released in Germany', 'approved', 'production', '2026-11-28 09:00:00.000', 'studio', 'ap-01a22161fe80f79189b672bb3293', 'studio', '2026-11-28 09:00:00.000', NULL);
INSERT INTO public.approval_request VALUES ('req-01a22161fe80ab5302fcf07b22db', 'chk-01a22161fe8084bdfcf717352e70', 'prod-nova', 'p-lena', 'replica', 'final', '["final-deliverable"]', 'Lena''s face replica in the final cut of episode 4, released in Germany', 'declined', 'production', '2026-11-28 09:00:00.000', 'studio', NULL, 'studio', '2026-11-28 09:00:00.000', 'Not in Germany this season');
INSERT INTO public.approval_request VALUES ('req-01a22161fe80fe96699434782e7d', 'chk-01a22161fe807194aef7d8ced8f1', 'prod-nova', 'p-lena', 'replica', 'final', '["final-deliverable"]', 'Lena''s face replica in the final cut of episode 4, released in Germany', 'withdrawn', 'production', '2026-11-28 09:00:00.000', 'studio', NULL, 'production', '2026-11-28 09:00:00.000', 'The scene was cut');


--
-- Data for Name: audit_entry; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_entry VALUES (1, '2026-11-28T09:00:00.000Z', 'init', 'account.create', 'admin', 'admin', '0000000000000000000000000000000000000000000000000000000000000000', 'ddf71e653820765f0fb9f6453fea2f48be82093a8f269b3e0b47be1f1ae9168c');
INSERT INTO public.audit_entry VALUES (2, '2026-11-28T09:00:00.000Z', 'admin', 'vault.create', 'vault', NULL, 'ddf71e653820765f0fb9f6453fea2f48be82093a8f269b3e0b47be1f1ae9168c', 'b27b86c9d2967684132c437b3d0be22d6b7b067733516e1f1308d7bc5be86fb9');
INSERT INTO public.audit_entry VALUES (3, '2026-11-28T09:00:00.000Z', 'init', 'signing-key.create', 'aiIl9enFIt0eG999A68scL9NZsbbG0ruXE0Zm7hm0eQ', NULL, 'b27b86c9d2967684132c437b3d0be22d6b7b067733516e1f1308d7bc5be86fb9', 'c08f5c03cf5406f863b180bd4d3ef77fc39c61ceaf849477ff9af960fd3074a8');
INSERT INTO public.audit_entry VALUES (4, '2026-11-28T09:00:00.000Z', 'cli', 'account.create', 'casting', 'casting', 'c08f5c03cf5406f863b180bd4d3ef77fc39c61ceaf849477ff9af960fd3074a8', '022abad8fb275feec7456b1e4c1f37a07fd0fa33f33d49de174385ecbce7ce76');
INSERT INTO public.audit_entry VALUES (5, '2026-11-28T09:00:00.000Z', 'cli', 'account.create', 'production', 'production', '022abad8fb275feec7456b1e4c1f37a07fd0fa33f33d49de174385ecbce7ce76', '507f497776a40d20496bcc3e749731fc2639bbd28e719423fdd25245f4b0d05e');
INSERT INTO public.audit_entry VALUES (6, '2026-11-28T09:00:00.000Z', 'cli', 'account.create', 'auditor', 'auditor', '507f497776a40d20496bcc3e749731fc2639bbd28e719423fdd25245f4b0d05e', '9ae0824b53e94e1dcb0c20942fb747d19beb0c6ee3f42e63f5301a360b5a37ce');
INSERT INTO public.audit_entry VALUES (7, '2026-11-28T09:00:00.000Z', 'cli', 'account.create', 'studio', 'studio', '9ae0824b53e94e1dcb0c20942fb747d19beb0c6ee3f42e63f5301a360b5a37ce', 'd715fec0c49680a5c100c63f1cb0b2b42f6a1f12cd66400e7e86dce8c76a1790');
INSERT INTO public.audit_entry VALUES (8, '2026-11-28T09:00:00.000Z', 'admin', 'account.create', 'privacy', 'privacy', 'd715fec0c49680a5c100c63f1cb0b2b42f6a1f12cd66400e7e86dce8c76a1790', '24ab7fbf2fe95dec66668066e71348a381f4ef1045de90babfb79ce1fab0e410');
INSERT INTO public.audit_entry VALUES (9, '2026-11-28T09:00:00.000Z', 'admin', 'vault.enroll', 'privacy', NULL, '24ab7fbf2fe95dec66668066e71348a381f4ef1045de90babfb79ce1fab0e410', '7d666f4f803b10faaf9994b1e7642edfb87dd8bd9e6381a7dd11a835e3ad3a3f');
INSERT INTO public.audit_entry VALUES (10, '2026-11-28T09:00:00.000Z', 'cli:operator', 'api-key.create', 'key-01a22161fe80a5fa066e22d75fe7', 'production', '7d666f4f803b10faaf9994b1e7642edfb87dd8bd9e6381a7dd11a835e3ad3a3f', '476b6299e69707d1a03585ef0fd39e68d151e861d9db23eb36fcf852c321952b');
INSERT INTO public.audit_entry VALUES (11, '2026-11-28T09:00:00.000Z', 'upgrade-fixture', 'import', 'demo.json, grants.csv', 'demo.json sha256=064bfcb26586f043604bd86751f30fa62f23bbdd372dc868a7278179650c4de3 rows=74; grants.csv sha256=cc93303c0fa2b78dc7ae4768453dc40b882214fedab1ba9ca9d93d754d640376 rows=3; written: 3 tools, 5 productions, 24 performers, 14 roles, 28 grants, 3 approvals', '476b6299e69707d1a03585ef0fd39e68d151e861d9db23eb36fcf852c321952b', 'de1a704395e71918d392a40a9dcfe1ba140c1e8234ac56fc8f8612a71890028b');
INSERT INTO public.audit_entry VALUES (12, '2026-11-28T09:00:00.000Z', 'upgrade-fixture', 'production.update', 'prod-nova', NULL, 'de1a704395e71918d392a40a9dcfe1ba140c1e8234ac56fc8f8612a71890028b', '5b2182d831ce9db151c2b01c47bb3bfe1a69b8be24c9e1f1d427673dce44a0cc');
INSERT INTO public.audit_entry VALUES (13, '2026-11-28T09:00:00.000Z', 'upgrade-fixture', 'production.update', 'prod-tide', NULL, '5b2182d831ce9db151c2b01c47bb3bfe1a69b8be24c9e1f1d427673dce44a0cc', 'fb8a2f3f45cd957244a1c2384a43509628dedf20f89706688d89e151bdbabd7c');
INSERT INTO public.audit_entry VALUES (14, '2026-11-28T09:00:00.000Z', 'upgrade-fixture', 'production.update', 'prod-eternaut', NULL, 'fb8a2f3f45cd957244a1c2384a43509628dedf20f89706688d89e151bdbabd7c', '8467a2088bed56004c9d77a711549b997dd61395d0cef0e3a760ece30c3dbfdc');
INSERT INTO public.audit_entry VALUES (15, '2026-11-28T09:00:00.000Z', 'upgrade-fixture', 'production.update', 'prod-harbor', NULL, '8467a2088bed56004c9d77a711549b997dd61395d0cef0e3a760ece30c3dbfdc', 'a95b32b872f9fc6a9f6a08425192727a0d5ab648d31c72cd398d4314e1e32f5c');
INSERT INTO public.audit_entry VALUES (16, '2026-11-28T09:00:00.000Z', 'upgrade-fixture', 'production.update', 'prod-true', NULL, 'a95b32b872f9fc6a9f6a08425192727a0d5ab648d31c72cd398d4314e1e32f5c', '1ac697478455998584ff04d3c95cb20ec0d5473882810c7b7056a147219a2a71');
INSERT INTO public.audit_entry VALUES (17, '2026-11-28T09:00:00.000Z', 'upgrade-fixture', 'signing-key.create', 'KZFs1KcUHyKlNBIMXT83F9e5jR-LGbrxsVp0jRdN5G4', NULL, '1ac697478455998584ff04d3c95cb20ec0d5473882810c7b7056a147219a2a71', '59dd2072bd9dae11b0ab665a487bcf362396872ce74786c56df794b63b074b99');
INSERT INTO public.audit_entry VALUES (18, '2026-11-28T09:00:00.000Z', 'admin', 'login', 'admin', NULL, '59dd2072bd9dae11b0ab665a487bcf362396872ce74786c56df794b63b074b99', '42c9891553e75c572168bc3511af59ffae065f4687f6c3c92065cbfaf17af99f');
INSERT INTO public.audit_entry VALUES (19, '2026-11-28T09:00:00.000Z', 'casting', 'login', 'casting', NULL, '42c9891553e75c572168bc3511af59ffae065f4687f6c3c92065cbfaf17af99f', '07bfde4550428137a424e551020bf1306c12289151d06dcf3df65fdb6b57f85a');
INSERT INTO public.audit_entry VALUES (20, '2026-11-28T09:00:00.000Z', 'production', 'login', 'production', NULL, '07bfde4550428137a424e551020bf1306c12289151d06dcf3df65fdb6b57f85a', 'f0d733cf07a1af84e702ee290b98d1c4e4ea2e582811cddfca4b6fd011d46e03');
INSERT INTO public.audit_entry VALUES (21, '2026-11-28T09:00:00.000Z', 'studio', 'login', 'studio', NULL, 'f0d733cf07a1af84e702ee290b98d1c4e4ea2e582811cddfca4b6fd011d46e03', '75a5b2c6a76c36a4851ba81ec8b1ec9b0ede042c65a4594601dcd295d963c1ed');
INSERT INTO public.audit_entry VALUES (22, '2026-11-28T09:00:00.000Z', 'admin', 'webhook.create', 'wh-01a22161fe80879b2e91f9912084', 'http://127.0.0.1:40331/hook', '75a5b2c6a76c36a4851ba81ec8b1ec9b0ede042c65a4594601dcd295d963c1ed', '789b4ac62cc46bc293364ad60dfacf7873ca7fb33b5363ebac3ff449f37afa2e');
INSERT INTO public.audit_entry VALUES (23, '2026-11-28T09:00:00.000Z', 'admin', 'account.create', 'casting2', 'casting', '789b4ac62cc46bc293364ad60dfacf7873ca7fb33b5363ebac3ff449f37afa2e', '4b47565908edd10aa8c346f8d73d5eea793dd6417a1fdd5bbfd0ad14316f8d8e');
INSERT INTO public.audit_entry VALUES (24, '2026-11-28T09:00:00.000Z', 'casting', 'performer.create', 'p-upgrade', NULL, '4b47565908edd10aa8c346f8d73d5eea793dd6417a1fdd5bbfd0ad14316f8d8e', 'bbe3784ba6114cb5b44def4e52d654cc4d86b126dd7d2c859a870fd37fb198bd');
INSERT INTO public.audit_entry VALUES (25, '2026-11-28T09:00:00.000Z', 'casting', 'production.create', 'prod-upgrade', NULL, 'bbe3784ba6114cb5b44def4e52d654cc4d86b126dd7d2c859a870fd37fb198bd', 'c0a71943b6b4ab99f0ceb752fb3cb7989d84bf070ebf999ed18a81c28dd20f93');
INSERT INTO public.audit_entry VALUES (26, '2026-11-28T09:00:00.000Z', 'casting', 'role.create', 'r-upgrade', NULL, 'c0a71943b6b4ab99f0ceb752fb3cb7989d84bf070ebf999ed18a81c28dd20f93', 'e30d77546eed5e4812c9115cfae4d92c50c462b5263bb852f69356cb5020f3d5');
INSERT INTO public.audit_entry VALUES (27, '2026-11-28T09:00:00.000Z', 'admin', 'tool.create', 't-upgrade', NULL, 'e30d77546eed5e4812c9115cfae4d92c50c462b5263bb852f69356cb5020f3d5', '1e837dd3f8976229b4cd8b27a7b2143ffdf4fe8a168877395c2e339f0207eb9d');
INSERT INTO public.audit_entry VALUES (28, '2026-11-28T09:00:00.000Z', 'admin', 'union.strike', 'sag-aftra', NULL, '1e837dd3f8976229b4cd8b27a7b2143ffdf4fe8a168877395c2e339f0207eb9d', '66990d0da92c093cf02ca894ae3c5707d890cafc61a93cc5217edfbc67deb34d');
INSERT INTO public.audit_entry VALUES (29, '2026-11-28T09:00:00.000Z', 'casting', 'grant.create', 'g-upgrade', NULL, '66990d0da92c093cf02ca894ae3c5707d890cafc61a93cc5217edfbc67deb34d', '8ed5fbdfd25b0a71281d99d83f66eeb8aca5c1b0c1509ab121aeb626f7bec4fa');
INSERT INTO public.audit_entry VALUES (30, '2026-11-28T09:00:00.000Z', 'casting', 'personal.write', 'p-lena', NULL, '8ed5fbdfd25b0a71281d99d83f66eeb8aca5c1b0c1509ab121aeb626f7bec4fa', 'e092625aaa399335f802810a12ba70156b681ffa5dc8ba409e05a6edb4f02a86');
INSERT INTO public.audit_entry VALUES (31, '2026-11-28T09:00:00.000Z', 'production', 'approval-request.create', 'req-01a22161fe8016122146acf65789', 'check chk-01a22161fe80372cf17cf6d2d6c7', 'e092625aaa399335f802810a12ba70156b681ffa5dc8ba409e05a6edb4f02a86', 'e3282c5fb81bd3b06f95f2169fc6f31d54023fb9ab8dd8926bf6cd55ff4be5b1');
INSERT INTO public.audit_entry VALUES (32, '2026-11-28T09:00:00.000Z', 'production', 'approval-request.create', 'req-01a22161fe80ab5302fcf07b22db', 'check chk-01a22161fe8084bdfcf717352e70', 'e3282c5fb81bd3b06f95f2169fc6f31d54023fb9ab8dd8926bf6cd55ff4be5b1', 'e817016464a936824616a504432c07b87caa2e9195f1e9f5acdd675388b93509');
INSERT INTO public.audit_entry VALUES (33, '2026-11-28T09:00:00.000Z', 'production', 'approval-request.create', 'req-01a22161fe80fe96699434782e7d', 'check chk-01a22161fe807194aef7d8ced8f1', 'e817016464a936824616a504432c07b87caa2e9195f1e9f5acdd675388b93509', '4c1160f9119976c7d7ebb757177c4cfe0c93e8ac39e4ce15670aca74ced32706');
INSERT INTO public.audit_entry VALUES (34, '2026-11-28T09:00:00.000Z', 'production', 'approval-request.create', 'req-01a22161fe80b7a5ec196be0e09a', 'check chk-01a22161fe80a13c77ed342c0904', '4c1160f9119976c7d7ebb757177c4cfe0c93e8ac39e4ce15670aca74ced32706', '8864070e14f3278c17583ca57895e121e2173ddef934bb407b581c43daa96bd6');
INSERT INTO public.audit_entry VALUES (35, '2026-11-28T09:00:00.000Z', 'studio', 'approval.create', 'ap-01a22161fe80f79189b672bb3293', NULL, '8864070e14f3278c17583ca57895e121e2173ddef934bb407b581c43daa96bd6', '6fee16fa81a7486efeb40d721eecbc4dcef0424a6d2aa2baea33f059e22bfd69');
INSERT INTO public.audit_entry VALUES (36, '2026-11-28T09:00:00.000Z', 'studio', 'approval-request.approve', 'req-01a22161fe8016122146acf65789', 'approval ap-01a22161fe80f79189b672bb3293', '6fee16fa81a7486efeb40d721eecbc4dcef0424a6d2aa2baea33f059e22bfd69', '9df438ad191c8e5d07377e59d0ec407c8887a72f2627fcef23b82d2b6890de0e');
INSERT INTO public.audit_entry VALUES (37, '2026-11-28T09:00:00.000Z', 'studio', 'approval-request.decline', 'req-01a22161fe80ab5302fcf07b22db', 'Not in Germany this season', '9df438ad191c8e5d07377e59d0ec407c8887a72f2627fcef23b82d2b6890de0e', 'edf2dcff270b4f3ea2df088183658d942c4878eec01f78a4695562fd8c89f9f7');
INSERT INTO public.audit_entry VALUES (39, '2026-11-28T09:00:00.000Z', 'studio', 'approval.create', 'ap-upgrade', NULL, '75da0442cfd1bac110808a38afd6f1bc6ef1111cdaf8b9e8dc8d1533419d7107', '141d444ae84ec064cd888c0c5c900787c3a582876208c18c0eb618388867c339');
INSERT INTO public.audit_entry VALUES (40, '2026-11-28T09:00:00.000Z', 'studio', 'approval.revoke', 'ap-upgrade', 'The campaign was dropped', '141d444ae84ec064cd888c0c5c900787c3a582876208c18c0eb618388867c339', '5b388bca5525a3367dd8f3d9984bdf364adb904c42b0134e64f158a3282d78c3');
INSERT INTO public.audit_entry VALUES (43, '2026-11-28T09:00:00.000Z', 'casting', 'grant.revoke', 'g-omar-1', 'Withdrawn by the performer', 'bf5ad922d50a75b82dbd9d711e636672ea8a6c17f059086f6f2a26a9e86c305a', '91e3777daea5e230c3bf653a4bfd5abe76ffc8ce3bb6c15e4a64ab842a1673ab');
INSERT INTO public.audit_entry VALUES (44, '2026-11-28T09:00:00.000Z', 'address:127.0.0.1', 'login.failure', 'mallory', NULL, '91e3777daea5e230c3bf653a4bfd5abe76ffc8ce3bb6c15e4a64ab842a1673ab', 'abe7b245489d71d6e0af762b56da8d5b0815a899a34e8e348655625b477c5774');
INSERT INTO public.audit_entry VALUES (45, '2026-11-28T09:00:00.000Z', 'address:127.0.0.1', 'login.failure', 'mallory', NULL, 'abe7b245489d71d6e0af762b56da8d5b0815a899a34e8e348655625b477c5774', '2dadce29f77bda48d4cbc04230368ed4695573a76f08f3947ed599279b796ce8');
INSERT INTO public.audit_entry VALUES (38, '2026-11-28T09:00:00.000Z', 'production', 'approval-request.withdraw', 'req-01a22161fe80fe96699434782e7d', 'The scene was cut', 'edf2dcff270b4f3ea2df088183658d942c4878eec01f78a4695562fd8c89f9f7', '75da0442cfd1bac110808a38afd6f1bc6ef1111cdaf8b9e8dc8d1533419d7107');
INSERT INTO public.audit_entry VALUES (41, '2026-11-28T09:00:00.000Z', 'casting', 'grant.suspend', 'g-lena-1', 'Contract under review', '5b388bca5525a3367dd8f3d9984bdf364adb904c42b0134e64f158a3282d78c3', '2941167ec6a6b1bd96e42baf83750cfecf0bce2bf1c86d97776906baaf4c53b0');
INSERT INTO public.audit_entry VALUES (42, '2026-11-28T09:00:00.000Z', 'casting', 'grant.resume', 'g-lena-1', 'Review finished', '2941167ec6a6b1bd96e42baf83750cfecf0bce2bf1c86d97776906baaf4c53b0', 'bf5ad922d50a75b82dbd9d711e636672ea8a6c17f059086f6f2a26a9e86c305a');
INSERT INTO public.audit_entry VALUES (46, '2026-11-28T09:00:00.000Z', 'privacy', 'vault.rotate', 'vault', 'generation 2; 1 records re-sealed; 2 holders', '2dadce29f77bda48d4cbc04230368ed4695573a76f08f3947ed599279b796ce8', '414b7aa9c32faa2a419e45f300d96806fccb841b50738bca5a9bb68b7f33b8c1');


--
-- Data for Name: audit_head; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_head VALUES (1, 46, '414b7aa9c32faa2a419e45f300d96806fccb841b50738bca5a9bb68b7f33b8c1');


--
-- Data for Name: check_receipt; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe80985c9887549c16d1', '2026-11-28 09:00:00.000', 'allowed', 'prod-nova', 'p-lena', 'pipeline', NULL, '\x7b22617070726f76616c73223a5b2261702d6e6f7661225d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a22616c6c6f776564222c226772616e7473223a5b22672d6c656e612d31225d2c226964223a2263686b2d30316132323136316665383039383563393838373534396331366431222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374222c226e6f746966792d756e696f6e225d2c22726561736f6e73223a5b5d2c2272657175657374223a7b2261737065637473223a5b2266616365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2274656d706f72617279222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d6c656e61222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d6e6f7661222c227265706c69636174657354686972645061727479576f726b223a66616c73652c22746f6f6c223a22742d7661756c74222c22757365223a227265706c696361227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373225d7d', 1);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe80c8f77f1e37c02263', '2026-11-28 09:00:00.000', 'allowed', 'prod-nova', 'p-lena', 'production', NULL, '\x7b22617070726f76616c73223a5b2261702d6e6f7661225d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a22616c6c6f776564222c226772616e7473223a5b22672d6c656e612d31225d2c226964223a2263686b2d30316132323136316665383063386637376631653337633032323633222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374222c226e6f746966792d756e696f6e225d2c22726561736f6e73223a5b5d2c2272657175657374223a7b2261737065637473223a5b2266616365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2274656d706f72617279222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d6c656e61222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d6e6f7661222c227265706c69636174657354686972645061727479576f726b223a66616c73652c22746f6f6c223a22742d7661756c74222c22757365223a227265706c696361227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373225d7d', 2);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe80f98a1ae9373ad540', '2026-11-28 09:00:00.000', 'denied', 'prod-upgrade', 'p-upgrade', 'production', NULL, '\x7b22617070726f76616c73223a5b5d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a2264656e696564222c226772616e7473223a5b22672d75706772616465225d2c226964223a2263686b2d30316132323136316665383066393861316165393337336164353430222c226f626c69676174696f6e73223a5b226e6f746966792d756e696f6e222c22646973636c6f73652d73796e7468657469632d6d65646961225d2c22726561736f6e73223a5b7b22636f6465223a227072696e6369706c652e746f6f6c2d756e7665726966696564222c226d657373616765223a224e6f207265676973746572656420746f6f6c206973206e616d656420666f7220746869732067656e65726174697665207573653a20616e20756e766572696669656420746f6f6c206e65656473207468652073747564696f2773207772697474656e20617070726f76616c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a22756e7665747465642d746f6f6c227d2c7b22636f6465223a227072696e6369706c652e6d61792d6d69736c656164222c226d657373616765223a22e2809c5468652055706772616465e2809d206973206e6f6e2d66696374696f6e3a2067656e657261746564206d6174657269616c20696e20697420636f756c64206d69736c65616420766965776572732c20736f207468652073747564696f206d75737420617070726f766520697420696e2077726974696e672c20616e64206974206d75737420626520646973636c6f7365642061732067656e6572617465642e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a227265616c69737469632d646570696374696f6e227d2c7b22636f6465223a22756e696f6e2e737472696b65222c226d657373616765223a227361672d6166747261206973206f6e20737472696b6520616e6420636f7665727320556e612055706772616465277320726f6c6520696e20e2809c5468652055706772616465e2809d3a20636f6e73656e742069732073757370656e646564207768696c652074686520737472696b65206c617374732e222c226f7574636f6d65223a2264656e696564222c22756e696f6e223a227361672d6166747261227d2c7b22636f6465223a22617070726f76616c2e74616c656e742d6c696b656e657373222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c5468652055706772616465e2809d20636f766572732074686520757365206f662074616c656e74206c696b656e6573732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2274616c656e742d6c696b656e657373227d2c7b22636f6465223a22617070726f76616c2e66696e616c2d64656c6976657261626c65222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c5468652055706772616465e2809d20636f76657273206f757470757420696e207468652066696e616c2064656c6976657261626c65732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2266696e616c2d64656c6976657261626c65227d2c7b22636f6465223a22617070726f76616c2e756e7665747465642d746f6f6c222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c5468652055706772616465e2809d20636f766572732074686520757365206f66207468697320746f6f6c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a22756e7665747465642d746f6f6c227d2c7b22636f6465223a22617070726f76616c2e7265616c69737469632d646570696374696f6e222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c5468652055706772616465e2809d20636f766572732067656e657261746564206d6174657269616c2074686174207669657765727320636f756c642074616b6520666f72207265616c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a227265616c69737469632d646570696374696f6e227d5d2c2272657175657374223a7b2261737065637473223a5b22766f696365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2266696e616c222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d75706772616465222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d75706772616465222c227265706c69636174657354686972645061727479576f726b223a66616c73652c227465727269746f7279223a224445222c22757365223a22616c7465726174696f6e227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373222c2266696e616c2d64656c6976657261626c65222c22756e7665747465642d746f6f6c222c227265616c69737469632d646570696374696f6e225d7d', 3);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe808c2325608952e7df', '2026-11-28 09:00:00.000', 'needs-approval', 'prod-nova', NULL, 'production', NULL, '\x7b22617070726f76616c73223a5b5d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a226e656564732d617070726f76616c222c226772616e7473223a5b5d2c226964223a2263686b2d30316132323136316665383038633233323536303839353265376466222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374225d2c22726561736f6e73223a5b7b22636f6465223a22617070726f76616c2e66696e616c2d64656c6976657261626c65222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c4e6f7661e2809d20636f76657273206f757470757420696e207468652066696e616c2064656c6976657261626c65732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2266696e616c2d64656c6976657261626c65227d5d2c2272657175657374223a7b2261737065637473223a5b5d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b2263726f7764225d2c2264657374696e6174696f6e223a2266696e616c222c22696e70757473223a5b5d2c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d6e6f7661222c227265706c69636174657354686972645061727479576f726b223a66616c73652c22746f6f6c223a22742d776562222c22757365223a2267656e65726174696f6e227d2c22726571756972656d656e7473223a5b2266696e616c2d64656c6976657261626c65225d7d', 4);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe80de55669cceab522d', '2026-11-28 09:00:00.000', 'denied', 'prod-tide', 'p-noah', 'production', NULL, '\x7b22617070726f76616c73223a5b5d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a2264656e696564222c226772616e7473223a5b5d2c226964223a2263686b2d30316132323136316665383064653535363639636365616235323264222c226f626c69676174696f6e73223a5b22646973636c6f73652d73796e7468657469632d6d65646961225d2c22726561736f6e73223a5b7b22636f6465223a227072696e6369706c652e746f6f6c2d756e7665726966696564222c226d657373616765223a224e6f207265676973746572656420746f6f6c206973206e616d656420666f7220746869732067656e65726174697665207573653a20616e20756e766572696669656420746f6f6c206e65656473207468652073747564696f2773207772697474656e20617070726f76616c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a22756e7665747465642d746f6f6c227d2c7b22617370656374223a2266616365222c22636f6465223a22636f6e73656e742e6d697373696e67222c226d657373616765223a224e6f616820466973636865722068617320676976656e206e6f20636f6e73656e74207468617420636f7665727320746865697220666163652e222c226f7574636f6d65223a2264656e696564227d2c7b22636f6465223a22617070726f76616c2e74616c656e742d6c696b656e657373222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c54696465e2809d20636f766572732074686520757365206f662074616c656e74206c696b656e6573732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2274616c656e742d6c696b656e657373227d2c7b22636f6465223a22617070726f76616c2e66696e616c2d64656c6976657261626c65222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c54696465e2809d20636f76657273206f757470757420696e207468652066696e616c2064656c6976657261626c65732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2266696e616c2d64656c6976657261626c65227d2c7b22636f6465223a22617070726f76616c2e756e7665747465642d746f6f6c222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c54696465e2809d20636f766572732074686520757365206f66207468697320746f6f6c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a22756e7665747465642d746f6f6c227d5d2c2272657175657374223a7b2261737065637473223a5b2266616365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2266696e616c222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d6e6f6168222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d74696465222c227265706c69636174657354686972645061727479576f726b223a66616c73652c22757365223a227265706c696361227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373222c2266696e616c2d64656c6976657261626c65222c22756e7665747465642d746f6f6c225d7d', 5);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe8013a8de2742eb9e92', '2026-11-28 09:00:00.000', 'needs-approval', 'prod-eternaut', 'p-ana', 'key:key-01a22161fe80a5fa066e22d75fe7', NULL, '\x7b22617070726f76616c73223a5b5d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a226e656564732d617070726f76616c222c226772616e7473223a5b22672d616e612d31225d2c226964223a2263686b2d30316132323136316665383031336138646532373432656239653932222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374222c226e6f746966792d756e696f6e225d2c22726561736f6e73223a5b7b22636f6465223a227072696e6369706c652e746f6f6c2d756e7665726966696564222c226d657373616765223a224e6f207265676973746572656420746f6f6c206973206e616d656420666f7220746869732067656e65726174697665207573653a20616e20756e766572696669656420746f6f6c206e65656473207468652073747564696f2773207772697474656e20617070726f76616c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a22756e7665747465642d746f6f6c227d2c7b22636f6465223a22617070726f76616c2e74616c656e742d6c696b656e657373222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c54686520457465726e617574e2809d20636f766572732074686520757365206f662074616c656e74206c696b656e6573732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2274616c656e742d6c696b656e657373227d2c7b22636f6465223a22617070726f76616c2e756e7665747465642d746f6f6c222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c54686520457465726e617574e2809d20636f766572732074686520757365206f66207468697320746f6f6c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a22756e7665747465642d746f6f6c227d5d2c2272657175657374223a7b2261737065637473223a5b2266616365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2274656d706f72617279222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d616e61222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d657465726e617574222c227265706c69636174657354686972645061727479576f726b223a66616c73652c22757365223a227265706c696361227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373222c22756e7665747465642d746f6f6c225d7d', 6);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe807f44840c8679c79d', '2026-11-28 09:00:00.000', 'needs-approval', 'prod-harbor', 'p-elif', 'key:key-01a22161fe80a5fa066e22d75fe7', NULL, '\x7b22617070726f76616c73223a5b2261702d686172626f72225d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a226e656564732d617070726f76616c222c226772616e7473223a5b22672d656c69662d31225d2c226964223a2263686b2d30316132323136316665383037663434383430633836373963373964222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374222c22646973636c6f73652d73796e7468657469632d6d65646961225d2c22726561736f6e73223a5b7b22636f6465223a227072696e6369706c652e746f6f6c2d756e7665726966696564222c226d657373616765223a224e6f207265676973746572656420746f6f6c206973206e616d656420666f7220746869732067656e65726174697665207573653a20616e20756e766572696669656420746f6f6c206e65656473207468652073747564696f2773207772697474656e20617070726f76616c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a22756e7665747465642d746f6f6c227d2c7b22636f6465223a22617070726f76616c2e756e7665747465642d746f6f6c222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c486172626f72204c6967687473e2809d20636f766572732074686520757365206f66207468697320746f6f6c2e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a22756e7665747465642d746f6f6c227d5d2c2272657175657374223a7b2261737065637473223a5b22766f696365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2266696e616c222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d656c6966222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d686172626f72222c227265706c69636174657354686972645061727479576f726b223a66616c73652c22757365223a22616c7465726174696f6e227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373222c2266696e616c2d64656c6976657261626c65222c22756e7665747465642d746f6f6c225d7d', 7);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe80372cf17cf6d2d6c7', '2026-11-28 09:00:00.000', 'needs-approval', 'prod-nova', 'p-lena', 'production', NULL, '\x7b22617070726f76616c73223a5b2261702d6e6f7661225d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a226e656564732d617070726f76616c222c226772616e7473223a5b22672d6c656e612d31225d2c226964223a2263686b2d30316132323136316665383033373263663137636636643264366337222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374222c226e6f746966792d756e696f6e222c22646973636c6f73652d73796e7468657469632d6d65646961225d2c22726561736f6e73223a5b7b22636f6465223a22617070726f76616c2e66696e616c2d64656c6976657261626c65222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c4e6f7661e2809d20636f76657273206f757470757420696e207468652066696e616c2064656c6976657261626c65732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2266696e616c2d64656c6976657261626c65227d5d2c2272657175657374223a7b2261737065637473223a5b2266616365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2266696e616c222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d6c656e61222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d6e6f7661222c227265706c69636174657354686972645061727479576f726b223a66616c73652c227465727269746f7279223a224445222c22746f6f6c223a22742d7661756c74222c22757365223a227265706c696361227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373222c2266696e616c2d64656c6976657261626c65225d7d', 8);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe8084bdfcf717352e70', '2026-11-28 09:00:00.000', 'needs-approval', 'prod-nova', 'p-lena', 'production', NULL, '\x7b22617070726f76616c73223a5b2261702d6e6f7661225d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a226e656564732d617070726f76616c222c226772616e7473223a5b22672d6c656e612d31225d2c226964223a2263686b2d30316132323136316665383038346264666366373137333532653730222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374222c226e6f746966792d756e696f6e222c22646973636c6f73652d73796e7468657469632d6d65646961225d2c22726561736f6e73223a5b7b22636f6465223a22617070726f76616c2e66696e616c2d64656c6976657261626c65222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c4e6f7661e2809d20636f76657273206f757470757420696e207468652066696e616c2064656c6976657261626c65732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2266696e616c2d64656c6976657261626c65227d5d2c2272657175657374223a7b2261737065637473223a5b2266616365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2266696e616c222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d6c656e61222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d6e6f7661222c227265706c69636174657354686972645061727479576f726b223a66616c73652c227465727269746f7279223a224445222c22746f6f6c223a22742d7661756c74222c22757365223a227265706c696361227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373222c2266696e616c2d64656c6976657261626c65225d7d', 9);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe807194aef7d8ced8f1', '2026-11-28 09:00:00.000', 'needs-approval', 'prod-nova', 'p-lena', 'production', NULL, '\x7b22617070726f76616c73223a5b2261702d6e6f7661225d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a226e656564732d617070726f76616c222c226772616e7473223a5b22672d6c656e612d31225d2c226964223a2263686b2d30316132323136316665383037313934616566376438636564386631222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374222c226e6f746966792d756e696f6e222c22646973636c6f73652d73796e7468657469632d6d65646961225d2c22726561736f6e73223a5b7b22636f6465223a22617070726f76616c2e66696e616c2d64656c6976657261626c65222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c4e6f7661e2809d20636f76657273206f757470757420696e207468652066696e616c2064656c6976657261626c65732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2266696e616c2d64656c6976657261626c65227d5d2c2272657175657374223a7b2261737065637473223a5b2266616365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2266696e616c222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d6c656e61222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d6e6f7661222c227265706c69636174657354686972645061727479576f726b223a66616c73652c227465727269746f7279223a224445222c22746f6f6c223a22742d7661756c74222c22757365223a227265706c696361227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373222c2266696e616c2d64656c6976657261626c65225d7d', 10);
INSERT INTO public.check_receipt OVERRIDING SYSTEM VALUE VALUES ('chk-01a22161fe80a13c77ed342c0904', '2026-11-28 09:00:00.000', 'needs-approval', 'prod-nova', 'p-lena', 'production', NULL, '\x7b22617070726f76616c73223a5b2261702d6e6f7661225d2c22646563696465644174223a22323032362d31312d32385430393a30303a30305a222c226465636973696f6e223a226e656564732d617070726f76616c222c226772616e7473223a5b22672d6c656e612d31225d2c226964223a2263686b2d30316132323136316665383061313363373765643334326330393034222c226f626c69676174696f6e73223a5b226e6f746966792d636f6e74616374222c226e6f746966792d756e696f6e222c22646973636c6f73652d73796e7468657469632d6d65646961225d2c22726561736f6e73223a5b7b22636f6465223a22617070726f76616c2e66696e616c2d64656c6976657261626c65222c226d657373616765223a224e6f207772697474656e20617070726f76616c206f66207468652073747564696f20666f7220e2809c4e6f7661e2809d20636f76657273206f757470757420696e207468652066696e616c2064656c6976657261626c65732e222c226f7574636f6d65223a226e656564732d617070726f76616c222c22726571756972656d656e74223a2266696e616c2d64656c6976657261626c65227d5d2c2272657175657374223a7b2261737065637473223a5b2266616365225d2c226174223a22323032362d31312d3238222c22636f6e74656e74223a5b5d2c2264657374696e6174696f6e223a2266696e616c222c22696e70757473223a5b5d2c22706572666f726d6572223a22702d6c656e61222c2270726573656e74656441735265616c223a66616c73652c2270726f64756374696f6e223a2270726f642d6e6f7661222c227265706c69636174657354686972645061727479576f726b223a66616c73652c227465727269746f7279223a224445222c22746f6f6c223a22742d7661756c74222c22757365223a227265706c696361227d2c22726571756972656d656e7473223a5b2274616c656e742d6c696b656e657373222c2266696e616c2d64656c6976657261626c65225d7d', 11);


--
-- Data for Name: check_reliance; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.check_reliance VALUES ('g-lena-1', 'chk-01a22161fe80985c9887549c16d1', 'prod-nova', 'allowed', '2026-11-28 09:00:00.000');
INSERT INTO public.check_reliance VALUES ('g-lena-1', 'chk-01a22161fe80c8f77f1e37c02263', 'prod-nova', 'allowed', '2026-11-28 09:00:00.000');


--
-- Data for Name: consent_grant; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-omar-2', 'p-omar', 'prod-nova', '["alteration"]', '["face"]', '["final"]', '["*"]', '[]', '2026-01-01', '2027-06-30', 'performer', 0, 'Visual ADR: lip-sync alteration of Dr. Aziz''s face in episode 5', '{"documentRef":"DMS-4831","sha256":"cad85d4acd424298b96e9524ad2496166710c467a27bb7841196bbabdad8da36"}', 'revoked', '2026-11-28 09:00:00.000', 'upgrade-fixture', 3);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-rui-1', 'p-rui', 'prod-tide', '["replica"]', '["voice"]', '["final"]', '["*"]', '[]', '2025-01-01', '2028-01-01', 'estate', 0, 'Estate consent: voice replica for the narrator''s posthumous lines in Tide', '{"documentRef":"DMS-4878","sha256":"717fcc9c8e33a299f530b5d3e7f078fe4c469d9c088744b0f554a3528f68c694"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 4);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-rui-2', 'p-rui', NULL, '["new-performance"]', '["voice"]', '["final"]', '["*"]', '[]', '2024-01-01', '2030-01-01', 'performer', 1, 'Performer''s own consent, surviving death: new voice lines for archival documentaries', '{"documentRef":"DMS-4876","sha256":"8b5309a346f9f93da406b82abc2119884605cbfbadfd61b87232247092be3bfa"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 5);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-mia-1', 'p-mia', 'prod-nova', '["replica","alteration"]', '["face","body"]', '["temporary","final"]', '["*"]', '["nudity","sexual","violence"]', '2026-02-01', '2027-02-01', 'guardian', 0, 'Guardian consent: de-ageing and face replica of Young Idris for flashbacks', '{"documentRef":"DMS-4904","sha256":"8f8aa1f327a1487a2137daef697485b6c3ed8c36aa03a78d46aede49d41080ab"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 6);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-jonas-1', 'p-jonas', 'prod-nova', '["replica"]', '["face","body"]', '["final"]', '["*"]', '[]', '2026-03-01', '2026-12-15', 'performer', 0, 'Background replica for crowd extension in the docks sequence of Nova', '{"documentRef":"DMS-4655","sha256":"5af941f27351de5ef5a6045200570dcc31db08ef69a20839e6752be68d56881f"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 7);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-jonas-2', 'p-jonas', NULL, '["replica"]', '["face"]', '["final","marketing"]', '["*"]', '[]', '2026-03-01', '2027-03-01', 'performer', 0, 'Studio-wide crowd replica (never valid for a background performer)', '{"documentRef":"DMS-4954","sha256":"5439fb765c10b7df4531bd12a67f5a842c594e79f9b35fba6cdadd33cf27e752"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 8);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-ana-1', 'p-ana', 'prod-eternaut', '["replica","new-performance"]', '["face","voice"]', '["temporary","final"]', '["*"]', '["nudity","political"]', '2026-01-01', '2027-12-31', 'performer', 0, 'Digital replica of face and voice for reshoots of episode 3 of The Eternaut', '{"documentRef":"DMS-4664","sha256":"b72de1d27ded2246645cb42ddd2928033cfbe50516d3bf66ff523641667432f7"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 9);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-ana-2', 'p-ana', 'prod-eternaut', '["training"]', '["voice"]', '["temporary"]', '["*"]', '[]', '2026-01-01', '2026-12-08', 'performer', 0, 'Fine-tune a voice model on Elena''s ADR sessions for temp tracks', '{"documentRef":"DMS-4983","sha256":"c9fe27d510efbc7f02f13f5a5703176c57afcf8c27074c16a9b70a7e6e0b862b"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 10);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-kofi-1', 'p-kofi', 'prod-eternaut', '["replica"]', '["face"]', '["final"]', '["AR","ES","US"]', '[]', '2026-04-01', '2027-04-01', 'performer', 0, 'Face replica of Favalli for stunt face replacement', '{"documentRef":"DMS-4589","sha256":"50eec487959e9491ee990f637eff05ea60cecc5a1bc7a8065d651050983e735d"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 11);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-sofia-1', 'p-sofia', NULL, '["replica","new-performance"]', '["voice"]', '["temporary","final","marketing"]', '["*"]', '[]', '2026-01-01', '2026-12-27', 'performer', 0, 'Studio-wide voice performance for animated sequences and trailers', '{"documentRef":"DMS-4553","sha256":"cb816267a5781206d5510793478a8c5629249fd1a8bdab097979aa61a8c71e52"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 12);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-yuki-1', 'p-yuki', 'prod-tide', '["replica"]', '["face","voice"]', '["final"]', '["*"]', '[]', '2026-05-01', '2027-05-01', 'performer', 0, 'Face and voice replica of the harbour master (suspended pending contract review)', '{"documentRef":"DMS-4477","sha256":"8d0df4b8d159012940dec29485711d17ac3084f763e66467a0cce6f835b1b2d3"}', 'suspended', '2026-11-28 09:00:00.000', 'upgrade-fixture', 13);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-liam-1', 'p-liam', 'prod-tide', '["replica"]', '["face","body"]', '["final"]', '["*"]', '[]', '2026-01-01', '2026-11-29', 'performer', 0, 'Stunt double face replacement and body replica for the storm sequence', '{"documentRef":"DMS-4789","sha256":"1a7a5fa98650d9cb5a2355354a80939dd122c61acd714894c2855ddb9118cd7e"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 14);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-amara-1', 'p-amara', 'prod-harbor', '["replica","alteration"]', '["face","voice","name"]', '["final","marketing"]', '["*"]', '[]', '2026-06-01', '2028-06-01', 'performer', 0, 'Replica and alteration of the lighthouse keeper incl. name in marketing', '{"documentRef":"DMS-4701","sha256":"c5301ee5b981a221209f62f0a6fdfbc80ac4679c149c7d6e75b15b06f04f2d54"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 15);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-pietro-1', 'p-pietro', 'prod-harbor', '["replica"]', '["face"]', '["final"]', '["*"]', '[]', '2026-06-01', '2027-06-01', 'performer', 0, 'Background crowd replica for the harbour festival scenes', '{"documentRef":"DMS-4504","sha256":"c6fbf23bbf5bc02bc66667e788bf58c93e94f7228bc5119f685a33401abd5642"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 16);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-pietro-old', 'p-pietro', 'prod-harbor', '["replica"]', '["face"]', '["temporary"]', '["*"]', '[]', '2025-06-01', '2026-05-31', 'performer', 0, 'Previs crowd replica for the festival (expired)', '{"documentRef":"DMS-4540","sha256":"4604f23465c3d41416d2bddcbabd13dbe71c26aedf71410012b2a1a342f03da1"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 17);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-hana-1', 'p-hana', 'prod-harbor', '["replica"]', '["face","body"]', '["final"]', '["*"]', '[]', '2026-06-01', '2027-06-01', 'performer', 0, 'Background crowd replica for the harbour festival scenes', '{"documentRef":"DMS-4691","sha256":"ad184f7573bda15c2b2d381509b8c18326774a8394e85593fc4dad21d20a6d2e"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 18);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-ingrid-1', 'p-ingrid', NULL, '["replica"]', '["face","voice"]', '["temporary"]', '["DK","NO","SE"]', '[]', '2026-01-01', '2027-01-01', 'performer', 0, 'Studio-wide previs replica for Nordic pitch material', '{"documentRef":"DMS-4954","sha256":"e1498ff018d1c25636748c569a52d965319c641e767d8e61cf9cfd85b215ab34"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 19);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-marcus-1', 'p-marcus', NULL, '["synthetic"]', '["face"]', '["temporary","final"]', '["*"]', '[]', '2026-01-01', '2027-12-31', 'performer', 0, 'A synthetic performer may draw on Marcus''s recognisable features', '{"documentRef":"DMS-4432","sha256":"a8b47a03da073028c5455e28ebb3bd5dd22f62dfc7be736ffe7c71de0afea86c"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 20);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-zara-1', 'p-zara', 'prod-tide', '["new-performance"]', '["voice"]', '["final"]', '["*"]', '[]', '2027-01-01', '2027-12-31', 'performer', 0, 'New voice performance for the Tide podcast spin-off (starts next year)', '{"documentRef":"DMS-4991","sha256":"82975834a8d5759b5899348c41971eaffd8b2d60d3a5668700430eba99b8adb3"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 21);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-omar-1', 'p-omar', NULL, '["replica"]', '["voice"]', '["final"]', '["GB"]', '[]', '2026-01-01', '2027-06-30', 'performer', 0, 'Studio-wide voice replica for UK releases (ADR and pickups)', '{"documentRef":"DMS-4973","sha256":"510fbe8287602f2cf68d6794e4a72330a29061afe0c2a35352c2998935dc8ac7"}', 'revoked', '2026-11-28 09:00:00.000', 'upgrade-fixture', 2);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-tomas-1', 'p-tomas', NULL, '["replica"]', '["voice"]', '["final"]', '["*"]', '[]', '2026-01-01', '2027-01-01', 'representative', 0, 'Representative-signed studio-wide voice replica', '{"documentRef":"DMS-4607","sha256":"f95f1cbd9e64f2da31f7f7a5f70e22a433727b45d893f3852e5a714a6f97dff5"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 22);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-sam-1', 'p-sam', 'prod-harbor', '["replica"]', '["face"]', '["final"]', '["*"]', '["nudity","sexual"]', '2026-06-01', '2027-06-01', 'guardian', 0, 'Guardian consent: face replica of the ferry kid for a night shoot', '{"documentRef":"DMS-4503","sha256":"4961bc19b00862b3e078592286e56a80678b54f2eeec87c9fa86cdd1376baf68"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 23);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-noah-1', 'p-noah', NULL, '["replica","new-performance"]', '["voice"]', '["temporary","final","marketing"]', '["*"]', '[]', '2026-01-01', '2027-12-31', 'performer', 0, 'Studio-wide voice replica and new performances, all territories', '{"documentRef":"DMS-4872","sha256":"7e16e613f9a236aa987d24a2bddbe0348ec211f52b8c5f02e26cb0347b440d47"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 24);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-grace-1', 'p-grace', NULL, '["replica"]', '["face","body","voice","name"]', '["marketing"]', '["*"]', '[]', '2026-01-01', '2026-12-20', 'performer', 0, 'Studio-wide likeness for trailers and promotional materials', '{"documentRef":"DMS-4487","sha256":"584a9bc040a91ef30a7a6903bf9f607c5053a37c3be1b6b796a818dea6d9606e"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 25);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-elif-1', 'p-elif', 'prod-harbor', '["replica","alteration"]', '["face","voice"]', '["temporary","final"]', '["*"]', '["nudity","political"]', '2026-06-01', '2027-06-01', 'performer', 0, 'Replica and alteration for the festival night sequence, "take 2"', '{"documentRef":"DMS-5120"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 26);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-nina-1', 'p-nina', NULL, '["replica"]', '["voice"]', '["final"]', '["AT","CH","DE"]', '[]', '2026-01-01', '2026-12-10', 'performer', 0, 'Studio-wide voice replica for German-language dubbing', '{"documentRef":"DMS-5121"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 27);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-leo-1', 'p-leo', 'prod-tide', '["training"]', '["face","voice"]', '["temporary"]', '["*"]', '[]', '2026-01-01', '2027-01-01', 'performer', 0, 'Fine-tune an internal model on Leo''s ADR for temp tracks only', NULL, 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 28);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-upgrade', 'p-upgrade', 'prod-upgrade', '["replica","alteration"]', '["face","voice"]', '["temporary","final"]', '["DE","FR"]', '["nudity"]', '2026-01-01', '2026-12-10', 'guardian', 0, 'Replica of herself for the documentary''s reconstruction scenes', '{"documentRef":"DMS-9001","sha256":"abababababababababababababababababababababababababababababababab"}', 'active', '2026-11-28 09:00:00.000', 'casting', 29);
INSERT INTO public.consent_grant OVERRIDING SYSTEM VALUE VALUES ('g-lena-1', 'p-lena', 'prod-nova', '["replica"]', '["face"]', '["temporary","final"]', '["*"]', '[]', '2026-01-01', '2026-12-31', 'performer', 0, 'Face replica of Captain Vale for previs and final VFX shots in Nova season 1', '{"documentRef":"DMS-4695","sha256":"78036f8835ec56f0fc13f98425a92fa0bd95a4e94b1059b3c16f94dc111f71ee"}', 'active', '2026-11-28 09:00:00.000', 'upgrade-fixture', 1);


--
-- Data for Name: event; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.event VALUES (1, 'evt-01a22161fe809cde915f16f9bfd4', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-lena-1","impactedChecks":[],"performer":"p-lena","production":"prod-nova","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfd4","type":"grant.created"}');
INSERT INTO public.event VALUES (2, 'evt-01a22161fe809cde915f16f9bfd5', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-omar-1","impactedChecks":[],"performer":"p-omar","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfd5","type":"grant.created"}');
INSERT INTO public.event VALUES (3, 'evt-01a22161fe809cde915f16f9bfd6', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-omar-2","impactedChecks":[],"performer":"p-omar","production":"prod-nova","reason":"imported as revoked","status":"revoked"},"id":"evt-01a22161fe809cde915f16f9bfd6","type":"grant.created"}');
INSERT INTO public.event VALUES (4, 'evt-01a22161fe809cde915f16f9bfd7', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-rui-1","impactedChecks":[],"performer":"p-rui","production":"prod-tide","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfd7","type":"grant.created"}');
INSERT INTO public.event VALUES (5, 'evt-01a22161fe809cde915f16f9bfd8', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-rui-2","impactedChecks":[],"performer":"p-rui","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfd8","type":"grant.created"}');
INSERT INTO public.event VALUES (6, 'evt-01a22161fe809cde915f16f9bfd9', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-mia-1","impactedChecks":[],"performer":"p-mia","production":"prod-nova","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfd9","type":"grant.created"}');
INSERT INTO public.event VALUES (7, 'evt-01a22161fe809cde915f16f9bfda', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-jonas-1","impactedChecks":[],"performer":"p-jonas","production":"prod-nova","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfda","type":"grant.created"}');
INSERT INTO public.event VALUES (8, 'evt-01a22161fe809cde915f16f9bfdb', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-jonas-2","impactedChecks":[],"performer":"p-jonas","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfdb","type":"grant.created"}');
INSERT INTO public.event VALUES (9, 'evt-01a22161fe809cde915f16f9bfdc', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-ana-1","impactedChecks":[],"performer":"p-ana","production":"prod-eternaut","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfdc","type":"grant.created"}');
INSERT INTO public.event VALUES (10, 'evt-01a22161fe809cde915f16f9bfdd', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-ana-2","impactedChecks":[],"performer":"p-ana","production":"prod-eternaut","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfdd","type":"grant.created"}');
INSERT INTO public.event VALUES (11, 'evt-01a22161fe809cde915f16f9bfde', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-kofi-1","impactedChecks":[],"performer":"p-kofi","production":"prod-eternaut","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfde","type":"grant.created"}');
INSERT INTO public.event VALUES (12, 'evt-01a22161fe809cde915f16f9bfdf', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-sofia-1","impactedChecks":[],"performer":"p-sofia","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfdf","type":"grant.created"}');
INSERT INTO public.event VALUES (13, 'evt-01a22161fe809cde915f16f9bfe0', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-yuki-1","impactedChecks":[],"performer":"p-yuki","production":"prod-tide","reason":"imported as suspended","status":"suspended"},"id":"evt-01a22161fe809cde915f16f9bfe0","type":"grant.created"}');
INSERT INTO public.event VALUES (14, 'evt-01a22161fe809cde915f16f9bfe1', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-liam-1","impactedChecks":[],"performer":"p-liam","production":"prod-tide","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe1","type":"grant.created"}');
INSERT INTO public.event VALUES (15, 'evt-01a22161fe809cde915f16f9bfe2', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-amara-1","impactedChecks":[],"performer":"p-amara","production":"prod-harbor","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe2","type":"grant.created"}');
INSERT INTO public.event VALUES (16, 'evt-01a22161fe809cde915f16f9bfe3', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-pietro-1","impactedChecks":[],"performer":"p-pietro","production":"prod-harbor","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe3","type":"grant.created"}');
INSERT INTO public.event VALUES (17, 'evt-01a22161fe809cde915f16f9bfe4', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-pietro-old","impactedChecks":[],"performer":"p-pietro","production":"prod-harbor","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe4","type":"grant.created"}');
INSERT INTO public.event VALUES (18, 'evt-01a22161fe809cde915f16f9bfe5', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-hana-1","impactedChecks":[],"performer":"p-hana","production":"prod-harbor","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe5","type":"grant.created"}');
INSERT INTO public.event VALUES (19, 'evt-01a22161fe809cde915f16f9bfe6', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-ingrid-1","impactedChecks":[],"performer":"p-ingrid","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe6","type":"grant.created"}');
INSERT INTO public.event VALUES (20, 'evt-01a22161fe809cde915f16f9bfe7', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-marcus-1","impactedChecks":[],"performer":"p-marcus","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe7","type":"grant.created"}');
INSERT INTO public.event VALUES (21, 'evt-01a22161fe809cde915f16f9bfe8', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-zara-1","impactedChecks":[],"performer":"p-zara","production":"prod-tide","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe8","type":"grant.created"}');
INSERT INTO public.event VALUES (22, 'evt-01a22161fe809cde915f16f9bfe9', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-tomas-1","impactedChecks":[],"performer":"p-tomas","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfe9","type":"grant.created"}');
INSERT INTO public.event VALUES (23, 'evt-01a22161fe809cde915f16f9bfea', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-sam-1","impactedChecks":[],"performer":"p-sam","production":"prod-harbor","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfea","type":"grant.created"}');
INSERT INTO public.event VALUES (24, 'evt-01a22161fe809cde915f16f9bfeb', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-noah-1","impactedChecks":[],"performer":"p-noah","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfeb","type":"grant.created"}');
INSERT INTO public.event VALUES (25, 'evt-01a22161fe809cde915f16f9bfec', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-grace-1","impactedChecks":[],"performer":"p-grace","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfec","type":"grant.created"}');
INSERT INTO public.event VALUES (26, 'evt-01a22161fe809cde915f16f9bfed', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-elif-1","impactedChecks":[],"performer":"p-elif","production":"prod-harbor","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfed","type":"grant.created"}');
INSERT INTO public.event VALUES (27, 'evt-01a22161fe809cde915f16f9bfee', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-nina-1","impactedChecks":[],"performer":"p-nina","production":null,"reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfee","type":"grant.created"}');
INSERT INTO public.event VALUES (28, 'evt-01a22161fe809cde915f16f9bfef', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-leo-1","impactedChecks":[],"performer":"p-leo","production":"prod-tide","reason":"recorded","status":"active"},"id":"evt-01a22161fe809cde915f16f9bfef","type":"grant.created"}');
INSERT INTO public.event VALUES (29, 'evt-01a22161fe809cde915f16f9bff0', 'approval.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"approvedBy":"Dana Whitfield (Northlight)","covers":["talent-likeness"],"id":"ap-nova","production":"prod-nova","recordedAt":"2026-11-28T09:00:00Z","recordedBy":"upgrade-fixture","reference":"NL-APPROVAL-017","status":"active"},"id":"evt-01a22161fe809cde915f16f9bff0","type":"approval.created"}');
INSERT INTO public.event VALUES (30, 'evt-01a22161fe809cde915f16f9bff1', 'approval.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"approvedBy":"Marta Ibáñez (Southern Cross)","covers":["talent-likeness","final-deliverable"],"destinations":["final"],"id":"ap-eternaut-final","performer":"p-ana","production":"prod-eternaut","recordedAt":"2026-11-28T09:00:00Z","recordedBy":"upgrade-fixture","reference":"SC-2026-88","status":"active","uses":["replica","new-performance"],"validUntil":"2027-12-31"},"id":"evt-01a22161fe809cde915f16f9bff1","type":"approval.created"}');
INSERT INTO public.event VALUES (31, 'evt-01a22161fe809cde915f16f9bff2', 'approval.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"approvedBy":"Dana Whitfield (Northlight)","covers":["talent-likeness","final-deliverable","synthetic-performer"],"id":"ap-harbor","production":"prod-harbor","recordedAt":"2026-11-28T09:00:00Z","recordedBy":"upgrade-fixture","reference":"NL-APPROVAL-031","status":"active"},"id":"evt-01a22161fe809cde915f16f9bff2","type":"approval.created"}');
INSERT INTO public.event VALUES (32, 'evt-01a22161fe802226b1acc2b3a2e2', 'union.strike-changed', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"strike":true,"union":"sag-aftra"},"id":"evt-01a22161fe802226b1acc2b3a2e2","type":"union.strike-changed"}');
INSERT INTO public.event VALUES (33, 'evt-01a22161fe804b1a7835b0d2d64b', 'grant.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-upgrade","impactedChecks":[],"performer":"p-upgrade","production":"prod-upgrade","reason":"recorded","status":"active"},"id":"evt-01a22161fe804b1a7835b0d2d64b","type":"grant.created"}');
INSERT INTO public.event VALUES (34, 'evt-01a22161fe80a9bd23b415595d39', 'approval-request.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"check":"chk-01a22161fe80372cf17cf6d2d6c7","contact":"studio","destination":"final","id":"req-01a22161fe8016122146acf65789","note":"Lena''s face replica in the final cut of episode 4, released in Germany","performer":"p-lena","production":"prod-nova","requestedAt":"2026-11-28T09:00:00Z","requestedBy":"production","requirements":["final-deliverable"],"state":"open","use":"replica"},"id":"evt-01a22161fe80a9bd23b415595d39","type":"approval-request.created"}');
INSERT INTO public.event VALUES (35, 'evt-01a22161fe807d4d40282c7f1564', 'approval-request.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"check":"chk-01a22161fe8084bdfcf717352e70","contact":"studio","destination":"final","id":"req-01a22161fe80ab5302fcf07b22db","note":"Lena''s face replica in the final cut of episode 4, released in Germany","performer":"p-lena","production":"prod-nova","requestedAt":"2026-11-28T09:00:00Z","requestedBy":"production","requirements":["final-deliverable"],"state":"open","use":"replica"},"id":"evt-01a22161fe807d4d40282c7f1564","type":"approval-request.created"}');
INSERT INTO public.event VALUES (36, 'evt-01a22161fe80b4a9fe472c168d27', 'approval-request.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"check":"chk-01a22161fe807194aef7d8ced8f1","contact":"studio","destination":"final","id":"req-01a22161fe80fe96699434782e7d","note":"Lena''s face replica in the final cut of episode 4, released in Germany","performer":"p-lena","production":"prod-nova","requestedAt":"2026-11-28T09:00:00Z","requestedBy":"production","requirements":["final-deliverable"],"state":"open","use":"replica"},"id":"evt-01a22161fe80b4a9fe472c168d27","type":"approval-request.created"}');
INSERT INTO public.event VALUES (37, 'evt-01a22161fe80e4e3765fe09ba5b3', 'approval-request.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"check":"chk-01a22161fe80a13c77ed342c0904","contact":"studio","destination":"final","id":"req-01a22161fe80b7a5ec196be0e09a","note":"Lena''s face replica in the final cut of episode 4, released in Germany","performer":"p-lena","production":"prod-nova","requestedAt":"2026-11-28T09:00:00Z","requestedBy":"production","requirements":["final-deliverable"],"state":"open","use":"replica"},"id":"evt-01a22161fe80e4e3765fe09ba5b3","type":"approval-request.created"}');
INSERT INTO public.event VALUES (38, 'evt-01a22161fe80fcdc268f490f351c', 'approval.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"approvedBy":"studio","covers":["final-deliverable"],"destinations":["final"],"id":"ap-01a22161fe80f79189b672bb3293","performer":"p-lena","production":"prod-nova","recordedAt":"2026-11-28T09:00:00Z","recordedBy":"studio","reference":"MEMO-77","status":"active","uses":["replica"],"validUntil":"2027-06-30"},"id":"evt-01a22161fe80fcdc268f490f351c","type":"approval.created"}');
INSERT INTO public.event VALUES (39, 'evt-01a22161fe805be16b38e08108bc', 'approval-request.decided', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"approval":"ap-01a22161fe80f79189b672bb3293","check":"chk-01a22161fe80372cf17cf6d2d6c7","contact":"studio","decidedAt":"2026-11-28T09:00:00Z","decidedBy":"studio","destination":"final","id":"req-01a22161fe8016122146acf65789","note":"Lena''s face replica in the final cut of episode 4, released in Germany","performer":"p-lena","production":"prod-nova","requestedAt":"2026-11-28T09:00:00Z","requestedBy":"production","requirements":["final-deliverable"],"state":"approved","use":"replica"},"id":"evt-01a22161fe805be16b38e08108bc","type":"approval-request.decided"}');
INSERT INTO public.event VALUES (40, 'evt-01a22161fe806315e7b71987dd9c', 'approval-request.decided', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"check":"chk-01a22161fe8084bdfcf717352e70","contact":"studio","decidedAt":"2026-11-28T09:00:00Z","decidedBy":"studio","destination":"final","id":"req-01a22161fe80ab5302fcf07b22db","note":"Lena''s face replica in the final cut of episode 4, released in Germany","performer":"p-lena","production":"prod-nova","reason":"Not in Germany this season","requestedAt":"2026-11-28T09:00:00Z","requestedBy":"production","requirements":["final-deliverable"],"state":"declined","use":"replica"},"id":"evt-01a22161fe806315e7b71987dd9c","type":"approval-request.decided"}');
INSERT INTO public.event VALUES (41, 'evt-01a22161fe80d3b9290fa85566fa', 'approval-request.decided', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"check":"chk-01a22161fe807194aef7d8ced8f1","contact":"studio","decidedAt":"2026-11-28T09:00:00Z","decidedBy":"production","destination":"final","id":"req-01a22161fe80fe96699434782e7d","note":"Lena''s face replica in the final cut of episode 4, released in Germany","performer":"p-lena","production":"prod-nova","reason":"The scene was cut","requestedAt":"2026-11-28T09:00:00Z","requestedBy":"production","requirements":["final-deliverable"],"state":"withdrawn","use":"replica"},"id":"evt-01a22161fe80d3b9290fa85566fa","type":"approval-request.decided"}');
INSERT INTO public.event VALUES (44, 'evt-01a22161fe8060de4a329d9ec257', 'grant.suspended', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-lena-1","impactedChecks":["chk-01a22161fe80985c9887549c16d1","chk-01a22161fe80c8f77f1e37c02263"],"performer":"p-lena","production":"prod-nova","reason":"Contract under review","status":"suspended"},"id":"evt-01a22161fe8060de4a329d9ec257","type":"grant.suspended"}');
INSERT INTO public.event VALUES (42, 'evt-01a22161fe80eff9274c88ff1624', 'approval.created', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"approvedBy":"Head of legal","covers":["talent-likeness","realistic-depiction"],"destinations":["marketing"],"id":"ap-upgrade","performer":"p-upgrade","production":"prod-upgrade","recordedAt":"2026-11-28T09:00:00Z","recordedBy":"studio","reference":"MEMO-78","status":"active","uses":["replica"],"validUntil":"2027-01-31"},"id":"evt-01a22161fe80eff9274c88ff1624","type":"approval.created"}');
INSERT INTO public.event VALUES (43, 'evt-01a22161fe80cd8043d33420b3a8', 'approval.revoked', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"approvedBy":"Head of legal","covers":["talent-likeness","realistic-depiction"],"destinations":["marketing"],"id":"ap-upgrade","performer":"p-upgrade","production":"prod-upgrade","recordedAt":"2026-11-28T09:00:00Z","recordedBy":"studio","reference":"MEMO-78","revokeReason":"The campaign was dropped","revokedAt":"2026-11-28T09:00:00Z","revokedBy":"studio","status":"revoked","uses":["replica"],"validUntil":"2027-01-31"},"id":"evt-01a22161fe80cd8043d33420b3a8","type":"approval.revoked"}');
INSERT INTO public.event VALUES (45, 'evt-01a22161fe80c842fa33975f5b35', 'grant.resumed', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-lena-1","impactedChecks":["chk-01a22161fe80985c9887549c16d1","chk-01a22161fe80c8f77f1e37c02263"],"performer":"p-lena","production":"prod-nova","reason":"Review finished","status":"active"},"id":"evt-01a22161fe80c842fa33975f5b35","type":"grant.resumed"}');
INSERT INTO public.event VALUES (46, 'evt-01a22161fe802ff3fc7eed5252d8', 'grant.revoked', '2026-11-28 09:00:00.000', '{"at":"2026-11-28T09:00:00Z","data":{"grant":"g-omar-1","impactedChecks":[],"performer":"p-omar","production":null,"reason":"Withdrawn by the performer","status":"revoked"},"id":"evt-01a22161fe802ff3fc7eed5252d8","type":"grant.revoked"}');


--
-- Data for Name: grant_status_change; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.grant_status_change VALUES (1, 'g-lena-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (2, 'g-omar-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (3, 'g-omar-2', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (4, 'g-omar-2', 'revoked', 'imported as revoked', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (5, 'g-rui-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (6, 'g-rui-2', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (7, 'g-mia-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (8, 'g-jonas-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (9, 'g-jonas-2', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (10, 'g-ana-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (11, 'g-ana-2', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (12, 'g-kofi-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (13, 'g-sofia-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (14, 'g-yuki-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (15, 'g-yuki-1', 'suspended', 'imported as suspended', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (16, 'g-liam-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (17, 'g-amara-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (18, 'g-pietro-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (19, 'g-pietro-old', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (20, 'g-hana-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (21, 'g-ingrid-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (22, 'g-marcus-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (23, 'g-zara-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (24, 'g-tomas-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (25, 'g-sam-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (26, 'g-noah-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (27, 'g-grace-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (28, 'g-elif-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (29, 'g-nina-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (30, 'g-leo-1', 'active', 'recorded', '2026-11-28 09:00:00.000', 'upgrade-fixture');
INSERT INTO public.grant_status_change VALUES (31, 'g-upgrade', 'active', 'recorded', '2026-11-28 09:00:00.000', 'casting');
INSERT INTO public.grant_status_change VALUES (32, 'g-lena-1', 'suspended', 'Contract under review', '2026-11-28 09:00:00.000', 'casting');
INSERT INTO public.grant_status_change VALUES (33, 'g-lena-1', 'active', 'Review finished', '2026-11-28 09:00:00.000', 'casting');
INSERT INTO public.grant_status_change VALUES (34, 'g-omar-1', 'revoked', 'Withdrawn by the performer', '2026-11-28 09:00:00.000', 'casting');


--
-- Data for Name: login_failure; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.login_failure VALUES ('c13261f6285d9dacb511dc745df876920cf84e8719a02f43a1d7cf18c382b884', 1795856400000, 9116463769292788514);
INSERT INTO public.login_failure VALUES ('888ce9be449264ae3ea5f380674e8b676e92a4e3e15f8c2bd453e410337f1e45', 1795856400000, 9116463769292788514);
INSERT INTO public.login_failure VALUES ('c13261f6285d9dacb511dc745df876920cf84e8719a02f43a1d7cf18c382b884', 1795856400000, 8694435190561144721);
INSERT INTO public.login_failure VALUES ('888ce9be449264ae3ea5f380674e8b676e92a4e3e15f8c2bd453e410337f1e45', 1795856400000, 8694435190561144721);


--
-- Data for Name: performer; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-lena', 'Lena Park', NULL, NULL, '2026-11-28 09:00:00.000', 1);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-omar', 'Omar Haddad', NULL, NULL, '2026-11-28 09:00:00.000', 2);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-rui', 'Rui Costa', NULL, '2025-10-10', '2026-11-28 09:00:00.000', 3);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-mia', 'Mia Chen', '2031-03-14', NULL, '2026-11-28 09:00:00.000', 4);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-jonas', 'Jonas Weber', NULL, NULL, '2026-11-28 09:00:00.000', 5);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-ana', 'Ana Ortiz', NULL, NULL, '2026-11-28 09:00:00.000', 6);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-kofi', 'Kofi Mensah', NULL, NULL, '2026-11-28 09:00:00.000', 7);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-sofia', 'Sofía Quiroga', NULL, NULL, '2026-11-28 09:00:00.000', 8);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-yuki', 'Yuki Tanaka', NULL, NULL, '2026-11-28 09:00:00.000', 9);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-liam', 'Liam O''Connor', NULL, NULL, '2026-11-28 09:00:00.000', 10);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-amara', 'Amara Eze', NULL, NULL, '2026-11-28 09:00:00.000', 11);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-pietro', 'Pietro Greco', NULL, NULL, '2026-11-28 09:00:00.000', 12);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-hana', 'Hana Novak', NULL, NULL, '2026-11-28 09:00:00.000', 13);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-diego', 'Diego Ramírez', NULL, NULL, '2026-11-28 09:00:00.000', 14);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-ingrid', 'Ingrid Solberg', NULL, NULL, '2026-11-28 09:00:00.000', 15);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-marcus', 'Marcus Bell', NULL, NULL, '2026-11-28 09:00:00.000', 16);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-zara', 'Zara Ahmed', NULL, NULL, '2026-11-28 09:00:00.000', 17);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-tomas', 'Tomás Herrera', NULL, NULL, '2026-11-28 09:00:00.000', 18);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-elif', 'Elif Demir', NULL, NULL, '2026-11-28 09:00:00.000', 19);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-noah', 'Noah Fischer', NULL, NULL, '2026-11-28 09:00:00.000', 20);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-grace', 'Grace Okafor', NULL, NULL, '2026-11-28 09:00:00.000', 21);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-leo', 'Leo Martin', NULL, NULL, '2026-11-28 09:00:00.000', 22);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-nina', 'Nina Petrova', NULL, NULL, '2026-11-28 09:00:00.000', 23);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-sam', 'Sam Rivera', '2027-01-20', NULL, '2026-11-28 09:00:00.000', 24);
INSERT INTO public.performer OVERRIDING SYSTEM VALUE VALUES ('p-upgrade', 'Una Upgrade', '2030-01-01', NULL, '2026-11-28 09:00:00.000', 25);


--
-- Data for Name: personal_record; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.personal_record VALUES ('p-lena', 2, '\xb7a49d2b56f0d3d7f51e5666f06ffbab97a7e9a10ca4d99796a6ee342aa7ce53', '\x96a0ec9f8ec189a4072b98fd68e1a8f4c7cf42e7c20e0cf52707384daad651921a66132d42ca48199459edf6f3cf56304aaeaa7975171e70553d9990c064892751a2ceaba440758f9f103371598f7017e747c47f31093a64af4c8763914cc908d549d49c2286acecad227fe6009b2cfb821c79e5d84dd68c84af434a697de52031222ecfe1d70b1d5dcb16b57b3df4d9fe3b9c3db1148f482b8bd44d924191da1aa154a4f845e9132b78d9f97fae1eaa55c402d415445c6d34d4cf1ed9b4b9943cd9514369cdb00218d78e6950d966dc4585480cf36aa2c96b818c04c28afc8f5efca27745751a7660155e910ea3a15adff5', '2026-11-28 09:00:00.000', 'casting');


--
-- Data for Name: production; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.production OVERRIDING SYSTEM VALUE VALUES ('prod-nova', 'Nova', 'Northlight Studios', '2026-11-28 09:00:00.000', 0, 'studio', 1);
INSERT INTO public.production OVERRIDING SYSTEM VALUE VALUES ('prod-tide', 'Tide', 'Northlight Studios', '2026-11-28 09:00:00.000', 0, 'studio', 2);
INSERT INTO public.production OVERRIDING SYSTEM VALUE VALUES ('prod-eternaut', 'The Eternaut', 'Southern Cross Pictures', '2026-11-28 09:00:00.000', 0, 'studio', 3);
INSERT INTO public.production OVERRIDING SYSTEM VALUE VALUES ('prod-harbor', 'Harbor Lights', 'Northlight Studios', '2026-11-28 09:00:00.000', 0, 'studio', 4);
INSERT INTO public.production OVERRIDING SYSTEM VALUE VALUES ('prod-true', 'True Story', 'Northlight Documentaries', '2026-11-28 09:00:00.000', 1, 'studio', 5);
INSERT INTO public.production OVERRIDING SYSTEM VALUE VALUES ('prod-upgrade', 'The Upgrade', 'Ledger Films', '2026-11-28 09:00:00.000', 1, 'studio', 6);


--
-- Data for Name: receipt_dictionary; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: registry_bulk_write; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: registry_change; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.registry_change VALUES (1, 'tool', 't-vault');
INSERT INTO public.registry_change VALUES (2, 'tool', 't-web');
INSERT INTO public.registry_change VALUES (3, 'tool', 't-cloudvoice');
INSERT INTO public.registry_change VALUES (4, 'production', 'prod-nova');
INSERT INTO public.registry_change VALUES (5, 'production', 'prod-tide');
INSERT INTO public.registry_change VALUES (6, 'production', 'prod-eternaut');
INSERT INTO public.registry_change VALUES (7, 'production', 'prod-harbor');
INSERT INTO public.registry_change VALUES (8, 'production', 'prod-true');
INSERT INTO public.registry_change VALUES (9, 'performer', 'p-lena');
INSERT INTO public.registry_change VALUES (10, 'performer', 'p-omar');
INSERT INTO public.registry_change VALUES (11, 'performer', 'p-rui');
INSERT INTO public.registry_change VALUES (12, 'performer', 'p-mia');
INSERT INTO public.registry_change VALUES (13, 'performer', 'p-jonas');
INSERT INTO public.registry_change VALUES (14, 'performer', 'p-ana');
INSERT INTO public.registry_change VALUES (15, 'performer', 'p-kofi');
INSERT INTO public.registry_change VALUES (16, 'performer', 'p-sofia');
INSERT INTO public.registry_change VALUES (17, 'performer', 'p-yuki');
INSERT INTO public.registry_change VALUES (18, 'performer', 'p-liam');
INSERT INTO public.registry_change VALUES (19, 'performer', 'p-amara');
INSERT INTO public.registry_change VALUES (20, 'performer', 'p-pietro');
INSERT INTO public.registry_change VALUES (21, 'performer', 'p-hana');
INSERT INTO public.registry_change VALUES (22, 'performer', 'p-diego');
INSERT INTO public.registry_change VALUES (23, 'performer', 'p-ingrid');
INSERT INTO public.registry_change VALUES (24, 'performer', 'p-marcus');
INSERT INTO public.registry_change VALUES (25, 'performer', 'p-zara');
INSERT INTO public.registry_change VALUES (26, 'performer', 'p-tomas');
INSERT INTO public.registry_change VALUES (27, 'performer', 'p-elif');
INSERT INTO public.registry_change VALUES (28, 'performer', 'p-noah');
INSERT INTO public.registry_change VALUES (29, 'performer', 'p-grace');
INSERT INTO public.registry_change VALUES (30, 'performer', 'p-leo');
INSERT INTO public.registry_change VALUES (31, 'performer', 'p-nina');
INSERT INTO public.registry_change VALUES (32, 'performer', 'p-sam');
INSERT INTO public.registry_change VALUES (33, 'role', 'r-lena-nova');
INSERT INTO public.registry_change VALUES (34, 'role', 'r-omar-nova');
INSERT INTO public.registry_change VALUES (35, 'role', 'r-mia-nova');
INSERT INTO public.registry_change VALUES (36, 'role', 'r-jonas-nova');
INSERT INTO public.registry_change VALUES (37, 'role', 'r-ana-eternaut');
INSERT INTO public.registry_change VALUES (38, 'role', 'r-kofi-eternaut');
INSERT INTO public.registry_change VALUES (39, 'role', 'r-sofia-eternaut');
INSERT INTO public.registry_change VALUES (40, 'role', 'r-yuki-tide');
INSERT INTO public.registry_change VALUES (41, 'role', 'r-liam-tide');
INSERT INTO public.registry_change VALUES (42, 'role', 'r-amara-harbor');
INSERT INTO public.registry_change VALUES (43, 'role', 'r-pietro-harbor');
INSERT INTO public.registry_change VALUES (44, 'role', 'r-hana-harbor');
INSERT INTO public.registry_change VALUES (45, 'role', 'r-diego-nova');
INSERT INTO public.registry_change VALUES (46, 'role', 'r-sam-harbor');
INSERT INTO public.registry_change VALUES (47, 'consent_grant', 'g-lena-1');
INSERT INTO public.registry_change VALUES (48, 'consent_grant', 'g-omar-1');
INSERT INTO public.registry_change VALUES (49, 'consent_grant', 'g-omar-2');
INSERT INTO public.registry_change VALUES (50, 'consent_grant', 'g-rui-1');
INSERT INTO public.registry_change VALUES (51, 'consent_grant', 'g-rui-2');
INSERT INTO public.registry_change VALUES (52, 'consent_grant', 'g-mia-1');
INSERT INTO public.registry_change VALUES (53, 'consent_grant', 'g-jonas-1');
INSERT INTO public.registry_change VALUES (54, 'consent_grant', 'g-jonas-2');
INSERT INTO public.registry_change VALUES (55, 'consent_grant', 'g-ana-1');
INSERT INTO public.registry_change VALUES (56, 'consent_grant', 'g-ana-2');
INSERT INTO public.registry_change VALUES (57, 'consent_grant', 'g-kofi-1');
INSERT INTO public.registry_change VALUES (58, 'consent_grant', 'g-sofia-1');
INSERT INTO public.registry_change VALUES (59, 'consent_grant', 'g-yuki-1');
INSERT INTO public.registry_change VALUES (60, 'consent_grant', 'g-liam-1');
INSERT INTO public.registry_change VALUES (61, 'consent_grant', 'g-amara-1');
INSERT INTO public.registry_change VALUES (62, 'consent_grant', 'g-pietro-1');
INSERT INTO public.registry_change VALUES (63, 'consent_grant', 'g-pietro-old');
INSERT INTO public.registry_change VALUES (64, 'consent_grant', 'g-hana-1');
INSERT INTO public.registry_change VALUES (65, 'consent_grant', 'g-ingrid-1');
INSERT INTO public.registry_change VALUES (66, 'consent_grant', 'g-marcus-1');
INSERT INTO public.registry_change VALUES (67, 'consent_grant', 'g-zara-1');
INSERT INTO public.registry_change VALUES (68, 'consent_grant', 'g-tomas-1');
INSERT INTO public.registry_change VALUES (69, 'consent_grant', 'g-sam-1');
INSERT INTO public.registry_change VALUES (70, 'consent_grant', 'g-noah-1');
INSERT INTO public.registry_change VALUES (71, 'consent_grant', 'g-grace-1');
INSERT INTO public.registry_change VALUES (72, 'consent_grant', 'g-elif-1');
INSERT INTO public.registry_change VALUES (73, 'consent_grant', 'g-nina-1');
INSERT INTO public.registry_change VALUES (74, 'consent_grant', 'g-leo-1');
INSERT INTO public.registry_change VALUES (75, 'approval', 'ap-nova');
INSERT INTO public.registry_change VALUES (76, 'approval', 'ap-eternaut-final');
INSERT INTO public.registry_change VALUES (77, 'approval', 'ap-harbor');
INSERT INTO public.registry_change VALUES (78, 'production', 'prod-nova');
INSERT INTO public.registry_change VALUES (79, 'production', 'prod-tide');
INSERT INTO public.registry_change VALUES (80, 'production', 'prod-eternaut');
INSERT INTO public.registry_change VALUES (81, 'production', 'prod-harbor');
INSERT INTO public.registry_change VALUES (82, 'production', 'prod-true');
INSERT INTO public.registry_change VALUES (83, 'performer', 'p-upgrade');
INSERT INTO public.registry_change VALUES (84, 'production', 'prod-upgrade');
INSERT INTO public.registry_change VALUES (85, 'role', 'r-upgrade');
INSERT INTO public.registry_change VALUES (86, 'tool', 't-upgrade');
INSERT INTO public.registry_change VALUES (87, 'union_state', 'sag-aftra');
INSERT INTO public.registry_change VALUES (88, 'consent_grant', 'g-upgrade');
INSERT INTO public.registry_change VALUES (89, 'approval', 'ap-01a22161fe80f79189b672bb3293');
INSERT INTO public.registry_change VALUES (90, 'approval', 'ap-upgrade');
INSERT INTO public.registry_change VALUES (91, 'approval', 'ap-upgrade');
INSERT INTO public.registry_change VALUES (92, 'consent_grant', 'g-lena-1');
INSERT INTO public.registry_change VALUES (93, 'consent_grant', 'g-lena-1');
INSERT INTO public.registry_change VALUES (94, 'consent_grant', 'g-omar-1');


--
-- Data for Name: role; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-lena-nova', 'prod-nova', 'p-lena', 'Captain Idris Vale', 'principal', 'SAG-AFTRA', '2026-11-28 09:00:00.000', 1);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-omar-nova', 'prod-nova', 'p-omar', 'Dr. Sami Aziz', 'principal', NULL, '2026-11-28 09:00:00.000', 2);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-mia-nova', 'prod-nova', 'p-mia', 'Young Idris', 'principal', 'SAG-AFTRA', '2026-11-28 09:00:00.000', 3);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-jonas-nova', 'prod-nova', 'p-jonas', 'Dock worker', 'background', NULL, '2026-11-28 09:00:00.000', 4);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-ana-eternaut', 'prod-eternaut', 'p-ana', 'Elena', 'principal', 'SAG-AFTRA', '2026-11-28 09:00:00.000', 5);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-kofi-eternaut', 'prod-eternaut', 'p-kofi', 'Favalli', 'principal', 'Equity', '2026-11-28 09:00:00.000', 6);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-sofia-eternaut', 'prod-eternaut', 'p-sofia', 'Ana', 'voice', NULL, '2026-11-28 09:00:00.000', 7);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-yuki-tide', 'prod-tide', 'p-yuki', 'Harbour master', 'principal', NULL, '2026-11-28 09:00:00.000', 8);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-liam-tide', 'prod-tide', 'p-liam', 'Stunt double', 'stunt', 'SAG-AFTRA', '2026-11-28 09:00:00.000', 9);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-amara-harbor', 'prod-harbor', 'p-amara', 'Lighthouse keeper', 'principal', 'SAG-AFTRA', '2026-11-28 09:00:00.000', 10);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-pietro-harbor', 'prod-harbor', 'p-pietro', 'Crowd', 'background', NULL, '2026-11-28 09:00:00.000', 11);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-hana-harbor', 'prod-harbor', 'p-hana', 'Crowd', 'background', 'SAG-AFTRA', '2026-11-28 09:00:00.000', 12);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-diego-nova', 'prod-nova', 'p-diego', 'Pilot', 'other', NULL, '2026-11-28 09:00:00.000', 13);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-sam-harbor', 'prod-harbor', 'p-sam', 'Ferry kid', 'principal', 'SAG-AFTRA', '2026-11-28 09:00:00.000', 14);
INSERT INTO public.role OVERRIDING SYSTEM VALUE VALUES ('r-upgrade', 'prod-upgrade', 'p-upgrade', 'Herself', 'principal', 'sag-aftra', '2026-11-28 09:00:00.000', 15);


--
-- Data for Name: schema_migration; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.schema_migration VALUES ('v1-likeness', 0, '2026-12-07 12:36:09.641103+00');
INSERT INTO public.schema_migration VALUES ('v2-change-notify', 1, '2026-12-07 12:36:09.641103+00');
INSERT INTO public.schema_migration VALUES ('v3-login-failures', 2, '2026-12-07 12:36:09.641103+00');
INSERT INTO public.schema_migration VALUES ('v4-byte-order', 3, '2026-12-07 12:36:09.641103+00');
INSERT INTO public.schema_migration VALUES ('v5-login-attempts', 4, '2026-12-07 12:36:09.641103+00');


--
-- Data for Name: signing_key; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.signing_key VALUES ('aiIl9enFIt0eG999A68scL9NZsbbG0ruXE0Zm7hm0eQ', '\x8148c484c9ff6231cb6bd5c583e5a1d5b7c74ab5a4a811e743800d2d0a4ee93d', '2026-11-28 09:00:00.000', '2026-11-28 09:00:00.000');
INSERT INTO public.signing_key VALUES ('KZFs1KcUHyKlNBIMXT83F9e5jR-LGbrxsVp0jRdN5G4', '\x4e59d37313a744275834d4fba46bf68a112abf52e11d6d9522ab4d221266a6fa', '2026-11-28 09:00:00.000', NULL);


--
-- Data for Name: tool; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.tool OVERRIDING SYSTEM VALUE VALUES ('t-vault', 'Vault Studio Gen', 'Northlight IT', 0, 1, '2026-11-28 09:00:00.000', 1);
INSERT INTO public.tool OVERRIDING SYSTEM VALUE VALUES ('t-web', 'Public web image generator', 'Open Canvas', 0, 0, '2026-11-28 09:00:00.000', 2);
INSERT INTO public.tool OVERRIDING SYSTEM VALUE VALUES ('t-cloudvoice', 'CloudVoice consumer app', 'CloudVoice', 1, 0, '2026-11-28 09:00:00.000', 3);
INSERT INTO public.tool OVERRIDING SYSTEM VALUE VALUES ('t-upgrade', 'Ledger Voice', 'Ledger Labs', 0, 1, '2026-11-28 09:00:00.000', 4);


--
-- Data for Name: union_state; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.union_state VALUES ('sag-aftra', 1, '2026-11-28 09:00:00.000', 'admin');


--
-- Data for Name: use_register; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: use_register_log; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-nova', '2026-11-28', 'replica', 'temporary', 't-vault', 'p-lena', 'allowed', 1, 1);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-nova', '2026-11-28', 'replica', 'temporary', 't-vault', 'p-lena', 'allowed', 1, 2);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-upgrade', '2026-11-28', 'alteration', 'final', '', 'p-upgrade', 'denied', 1, 3);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-nova', '2026-11-28', 'generation', 'final', 't-web', '', 'needs-approval', 1, 4);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-tide', '2026-11-28', 'replica', 'final', '', 'p-noah', 'denied', 1, 5);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-eternaut', '2026-11-28', 'replica', 'temporary', '', 'p-ana', 'needs-approval', 1, 6);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-harbor', '2026-11-28', 'alteration', 'final', '', 'p-elif', 'needs-approval', 1, 7);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-nova', '2026-11-28', 'replica', 'final', 't-vault', 'p-lena', 'needs-approval', 1, 8);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-nova', '2026-11-28', 'replica', 'final', 't-vault', 'p-lena', 'needs-approval', 1, 9);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-nova', '2026-11-28', 'replica', 'final', 't-vault', 'p-lena', 'needs-approval', 1, 10);
INSERT INTO public.use_register_log OVERRIDING SYSTEM VALUE VALUES ('prod-nova', '2026-11-28', 'replica', 'final', 't-vault', 'p-lena', 'needs-approval', 1, 11);


--
-- Data for Name: vault_grant; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.vault_grant VALUES ('admin', 2, '\x9b58beeaa388875ee63e0c4db6e1213175a0d9ffa0755539778a0284f301410d', '\xe1b4f535e6df3000aa933470b65a6b2c59db924f653d28c6701219367e388d0ec021beadd5edb0947f4085412faa3c2c');
INSERT INTO public.vault_grant VALUES ('privacy', 2, '\x66576b2ac6182bdf97a7ff4aa3313fd1a05a6f6a07b0bd6a0b4ee47b9932890d', '\xb699b8991a80080c55556961f775a09138b9851cb98bdcf0ae96a3f91589babee0376996550e696db82848f33a1e0fb9');


--
-- Data for Name: vault_key; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.vault_key VALUES (2, '\xa3953187557cefe9f6b239686ed0dbb4e8da2916ee3f14bee9f19110a8166822', '2026-11-28 09:00:00.000', NULL);
INSERT INTO public.vault_key VALUES (1, '\x744cbb10922c730841e6abc58dd8dabce004e3fb2bbd6374047e5a79ef708049', '2026-11-28 09:00:00.000', '2026-11-28 09:00:00.000');


--
-- Data for Name: webhook; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.webhook VALUES ('wh-01a22161fe80879b2e91f9912084', 'http://127.0.0.1:40331/hook', '["grant.created","grant.revoked","grant.suspended","grant.resumed","approval.created","approval.revoked","approval-request.created","approval-request.decided","union.strike-changed"]', '\xeda95004769d16af4bf858e923c0774e259c9e4203a3a651dc8ba725cef2add66153a183bdd12011a82b345b9cd9c4da04a00ba10acdc5a93eedc544664c20b3cbfb03d664c55baa63875d884c', '2026-11-28 09:00:00.000', 'admin');


--
-- Data for Name: webhook_delivery; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 32, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 33, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 34, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 35, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 36, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 37, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 38, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 39, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 40, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 41, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 42, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 43, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 44, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 45, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');
INSERT INTO public.webhook_delivery VALUES ('wh-01a22161fe80879b2e91f9912084', 46, 'delivered', 1, '2026-11-28 09:00:01.000', 204, NULL, '2026-11-28 09:00:00.000');


--
-- Name: approval_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.approval_rowid_seq', 5, true);


--
-- Name: check_receipt_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.check_receipt_rowid_seq', 11, true);


--
-- Name: consent_grant_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.consent_grant_rowid_seq', 29, true);


--
-- Name: event_seq_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.event_seq_seq', 46, true);


--
-- Name: grant_status_change_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.grant_status_change_id_seq', 34, true);


--
-- Name: performer_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.performer_rowid_seq', 25, true);


--
-- Name: production_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.production_rowid_seq', 6, true);


--
-- Name: registry_change_seq_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.registry_change_seq_seq', 94, true);


--
-- Name: role_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.role_rowid_seq', 15, true);


--
-- Name: tool_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.tool_rowid_seq', 4, true);


--
-- Name: use_register_log_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.use_register_log_rowid_seq', 11, true);


--
-- Name: account_key account_key_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_key
    ADD CONSTRAINT account_key_pkey PRIMARY KEY (username);


--
-- Name: account account_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account
    ADD CONSTRAINT account_pkey PRIMARY KEY (username);


--
-- Name: alert_delivery alert_delivery_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_delivery
    ADD CONSTRAINT alert_delivery_pkey PRIMARY KEY (key);


--
-- Name: api_key api_key_key_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_key
    ADD CONSTRAINT api_key_key_hash_key UNIQUE (key_hash);


--
-- Name: api_key api_key_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_key
    ADD CONSTRAINT api_key_pkey PRIMARY KEY (id);


--
-- Name: approval approval_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.approval
    ADD CONSTRAINT approval_pkey PRIMARY KEY (id);


--
-- Name: approval_request approval_request_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.approval_request
    ADD CONSTRAINT approval_request_pkey PRIMARY KEY (id);


--
-- Name: approval approval_rowid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.approval
    ADD CONSTRAINT approval_rowid_key UNIQUE (rowid);


--
-- Name: audit_entry audit_entry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_entry
    ADD CONSTRAINT audit_entry_pkey PRIMARY KEY (seq);


--
-- Name: audit_head audit_head_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_head
    ADD CONSTRAINT audit_head_pkey PRIMARY KEY (id);


--
-- Name: check_receipt check_receipt_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.check_receipt
    ADD CONSTRAINT check_receipt_pkey PRIMARY KEY (id);


--
-- Name: check_receipt check_receipt_rowid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.check_receipt
    ADD CONSTRAINT check_receipt_rowid_key UNIQUE (rowid);


--
-- Name: check_reliance check_reliance_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.check_reliance
    ADD CONSTRAINT check_reliance_pkey PRIMARY KEY (grant_id, check_id);


--
-- Name: consent_grant consent_grant_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent_grant
    ADD CONSTRAINT consent_grant_pkey PRIMARY KEY (id);


--
-- Name: consent_grant consent_grant_rowid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent_grant
    ADD CONSTRAINT consent_grant_rowid_key UNIQUE (rowid);


--
-- Name: event event_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event
    ADD CONSTRAINT event_id_key UNIQUE (id);


--
-- Name: event event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event
    ADD CONSTRAINT event_pkey PRIMARY KEY (seq);


--
-- Name: grant_status_change grant_status_change_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.grant_status_change
    ADD CONSTRAINT grant_status_change_pkey PRIMARY KEY (id);


--
-- Name: performer performer_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.performer
    ADD CONSTRAINT performer_pkey PRIMARY KEY (id);


--
-- Name: performer performer_rowid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.performer
    ADD CONSTRAINT performer_rowid_key UNIQUE (rowid);


--
-- Name: personal_record personal_record_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.personal_record
    ADD CONSTRAINT personal_record_pkey PRIMARY KEY (performer);


--
-- Name: production production_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.production
    ADD CONSTRAINT production_pkey PRIMARY KEY (id);


--
-- Name: production production_rowid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.production
    ADD CONSTRAINT production_rowid_key UNIQUE (rowid);


--
-- Name: receipt_dictionary receipt_dictionary_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.receipt_dictionary
    ADD CONSTRAINT receipt_dictionary_pkey PRIMARY KEY (id);


--
-- Name: registry_bulk_write registry_bulk_write_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.registry_bulk_write
    ADD CONSTRAINT registry_bulk_write_pkey PRIMARY KEY (marked);


--
-- Name: registry_change registry_change_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.registry_change
    ADD CONSTRAINT registry_change_pkey PRIMARY KEY (seq);


--
-- Name: role role_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.role
    ADD CONSTRAINT role_pkey PRIMARY KEY (id);


--
-- Name: role role_rowid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.role
    ADD CONSTRAINT role_rowid_key UNIQUE (rowid);


--
-- Name: schema_migration schema_migration_applied_order_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migration
    ADD CONSTRAINT schema_migration_applied_order_key UNIQUE (applied_order);


--
-- Name: schema_migration schema_migration_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migration
    ADD CONSTRAINT schema_migration_pkey PRIMARY KEY (id);


--
-- Name: signing_key signing_key_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signing_key
    ADD CONSTRAINT signing_key_pkey PRIMARY KEY (kid);


--
-- Name: tool tool_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tool
    ADD CONSTRAINT tool_pkey PRIMARY KEY (id);


--
-- Name: tool tool_rowid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tool
    ADD CONSTRAINT tool_rowid_key UNIQUE (rowid);


--
-- Name: union_state union_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.union_state
    ADD CONSTRAINT union_state_pkey PRIMARY KEY (name);


--
-- Name: use_register_log use_register_log_rowid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.use_register_log
    ADD CONSTRAINT use_register_log_rowid_key UNIQUE (rowid);


--
-- Name: use_register use_register_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.use_register
    ADD CONSTRAINT use_register_pkey PRIMARY KEY (production, at, use, destination, tool, performer, decision);


--
-- Name: vault_grant vault_grant_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vault_grant
    ADD CONSTRAINT vault_grant_pkey PRIMARY KEY (username, generation);


--
-- Name: vault_key vault_key_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vault_key
    ADD CONSTRAINT vault_key_pkey PRIMARY KEY (generation);


--
-- Name: webhook_delivery webhook_delivery_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_delivery
    ADD CONSTRAINT webhook_delivery_pkey PRIMARY KEY (webhook_id, event_seq);


--
-- Name: webhook webhook_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook
    ADD CONSTRAINT webhook_pkey PRIMARY KEY (id);


--
-- Name: approval_by_production; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX approval_by_production ON public.approval USING btree (production);


--
-- Name: approval_request_by_production; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX approval_request_by_production ON public.approval_request USING btree (production, requested_at);


--
-- Name: approval_request_by_requester; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX approval_request_by_requester ON public.approval_request USING btree (requested_by, requested_at);


--
-- Name: approval_request_open_per_check; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX approval_request_open_per_check ON public.approval_request USING btree (check_id) WHERE (state = 'open'::text);


--
-- Name: check_receipt_plain; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX check_receipt_plain ON public.check_receipt USING btree (decided_at) WHERE (dictionary IS NULL);


--
-- Name: grant_by_performer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX grant_by_performer ON public.consent_grant USING btree (performer);


--
-- Name: grant_by_production; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX grant_by_production ON public.consent_grant USING btree (production);


--
-- Name: grant_by_valid_until; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX grant_by_valid_until ON public.consent_grant USING btree (valid_until);


--
-- Name: grant_status_change_by_grant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX grant_status_change_by_grant ON public.grant_status_change USING btree (grant_id);


--
-- Name: login_failure_by_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_failure_by_key ON public.login_failure USING btree (key_hash, failed_at);


--
-- Name: production_by_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX production_by_contact ON public.production USING btree (contact);


--
-- Name: role_by_performer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX role_by_performer ON public.role USING btree (performer);


--
-- Name: role_by_production; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX role_by_production ON public.role USING btree (production);


--
-- Name: signing_key_one_current; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX signing_key_one_current ON public.signing_key USING btree (((retired_at IS NULL))) WHERE (retired_at IS NULL);


--
-- Name: webhook_delivery_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_delivery_pending ON public.webhook_delivery USING btree (webhook_id, event_seq) WHERE (state = 'pending'::text);


--
-- Name: approval approval_tracked; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER approval_tracked AFTER INSERT OR DELETE OR UPDATE ON public.approval FOR EACH ROW EXECUTE FUNCTION public.likeness_track_change('id');


--
-- Name: audit_entry audit_entry_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_entry_append_only BEFORE DELETE OR UPDATE ON public.audit_entry FOR EACH ROW EXECUTE FUNCTION public.likeness_refuse('the audit trail is append-only');


--
-- Name: audit_entry audit_entry_not_truncated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_entry_not_truncated BEFORE TRUNCATE ON public.audit_entry FOR EACH STATEMENT EXECUTE FUNCTION public.likeness_refuse('the audit trail is append-only');


--
-- Name: consent_grant consent_grant_keeps_performer; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consent_grant_keeps_performer BEFORE UPDATE OF performer ON public.consent_grant FOR EACH ROW WHEN ((new.performer IS DISTINCT FROM old.performer)) EXECUTE FUNCTION public.likeness_refuse('a consent grant keeps its performer');


--
-- Name: consent_grant consent_grant_never_deleted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consent_grant_never_deleted BEFORE DELETE ON public.consent_grant FOR EACH ROW EXECUTE FUNCTION public.likeness_refuse('a consent grant is never deleted: revoke it instead');


--
-- Name: consent_grant consent_grant_tracked; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consent_grant_tracked AFTER INSERT OR DELETE OR UPDATE ON public.consent_grant FOR EACH ROW EXECUTE FUNCTION public.likeness_track_change('id');


--
-- Name: performer performer_tracked; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER performer_tracked AFTER INSERT OR DELETE OR UPDATE ON public.performer FOR EACH ROW EXECUTE FUNCTION public.likeness_track_change('id');


--
-- Name: production production_tracked; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER production_tracked AFTER INSERT OR DELETE OR UPDATE ON public.production FOR EACH ROW EXECUTE FUNCTION public.likeness_track_change('id');


--
-- Name: registry_change registry_change_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER registry_change_notify AFTER INSERT ON public.registry_change FOR EACH STATEMENT EXECUTE FUNCTION public.likeness_notify_change();


--
-- Name: role role_tracked; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER role_tracked AFTER INSERT OR DELETE OR UPDATE ON public.role FOR EACH ROW EXECUTE FUNCTION public.likeness_track_change('id');


--
-- Name: tool tool_tracked; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tool_tracked AFTER INSERT OR DELETE OR UPDATE ON public.tool FOR EACH ROW EXECUTE FUNCTION public.likeness_track_change('id');


--
-- Name: union_state union_state_tracked; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER union_state_tracked AFTER INSERT OR DELETE OR UPDATE ON public.union_state FOR EACH ROW EXECUTE FUNCTION public.likeness_track_change('name');


--
-- Name: account_key account_key_username_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_key
    ADD CONSTRAINT account_key_username_fkey FOREIGN KEY (username) REFERENCES public.account(username) ON DELETE CASCADE;


--
-- Name: approval approval_performer_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.approval
    ADD CONSTRAINT approval_performer_fkey FOREIGN KEY (performer) REFERENCES public.performer(id);


--
-- Name: approval approval_production_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.approval
    ADD CONSTRAINT approval_production_fkey FOREIGN KEY (production) REFERENCES public.production(id);


--
-- Name: approval_request approval_request_approval_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.approval_request
    ADD CONSTRAINT approval_request_approval_fkey FOREIGN KEY (approval) REFERENCES public.approval(id);


--
-- Name: approval_request approval_request_check_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.approval_request
    ADD CONSTRAINT approval_request_check_id_fkey FOREIGN KEY (check_id) REFERENCES public.check_receipt(id);


--
-- Name: approval_request approval_request_production_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.approval_request
    ADD CONSTRAINT approval_request_production_fkey FOREIGN KEY (production) REFERENCES public.production(id);


--
-- Name: check_receipt check_receipt_dictionary_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.check_receipt
    ADD CONSTRAINT check_receipt_dictionary_fkey FOREIGN KEY (dictionary) REFERENCES public.receipt_dictionary(id);


--
-- Name: check_reliance check_reliance_check_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.check_reliance
    ADD CONSTRAINT check_reliance_check_id_fkey FOREIGN KEY (check_id) REFERENCES public.check_receipt(id);


--
-- Name: consent_grant consent_grant_performer_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent_grant
    ADD CONSTRAINT consent_grant_performer_fkey FOREIGN KEY (performer) REFERENCES public.performer(id);


--
-- Name: consent_grant consent_grant_production_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent_grant
    ADD CONSTRAINT consent_grant_production_fkey FOREIGN KEY (production) REFERENCES public.production(id);


--
-- Name: grant_status_change grant_status_change_grant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.grant_status_change
    ADD CONSTRAINT grant_status_change_grant_id_fkey FOREIGN KEY (grant_id) REFERENCES public.consent_grant(id);


--
-- Name: personal_record personal_record_generation_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.personal_record
    ADD CONSTRAINT personal_record_generation_fkey FOREIGN KEY (generation) REFERENCES public.vault_key(generation);


--
-- Name: personal_record personal_record_performer_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.personal_record
    ADD CONSTRAINT personal_record_performer_fkey FOREIGN KEY (performer) REFERENCES public.performer(id);


--
-- Name: production production_contact_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.production
    ADD CONSTRAINT production_contact_fkey FOREIGN KEY (contact) REFERENCES public.account(username) ON DELETE SET NULL;


--
-- Name: role role_performer_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.role
    ADD CONSTRAINT role_performer_fkey FOREIGN KEY (performer) REFERENCES public.performer(id);


--
-- Name: role role_production_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.role
    ADD CONSTRAINT role_production_fkey FOREIGN KEY (production) REFERENCES public.production(id);


--
-- Name: vault_grant vault_grant_generation_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vault_grant
    ADD CONSTRAINT vault_grant_generation_fkey FOREIGN KEY (generation) REFERENCES public.vault_key(generation);


--
-- Name: vault_grant vault_grant_username_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vault_grant
    ADD CONSTRAINT vault_grant_username_fkey FOREIGN KEY (username) REFERENCES public.account(username) ON DELETE CASCADE;


--
-- Name: webhook_delivery webhook_delivery_event_seq_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_delivery
    ADD CONSTRAINT webhook_delivery_event_seq_fkey FOREIGN KEY (event_seq) REFERENCES public.event(seq);


--
-- Name: webhook_delivery webhook_delivery_webhook_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_delivery
    ADD CONSTRAINT webhook_delivery_webhook_id_fkey FOREIGN KEY (webhook_id) REFERENCES public.webhook(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


