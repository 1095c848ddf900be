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
-- Name: signet_audit_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.signet_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;


--
-- Name: signet_bump_configuration(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.signet_bump_configuration() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN UPDATE configuration_generation SET value = value + 1; RETURN NULL; END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id text NOT NULL,
    project_id text NOT NULL,
    name text NOT NULL,
    scopes text NOT NULL,
    secret_hash bytea NOT NULL,
    sealed_secret bytea NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint,
    last_used_at bigint,
    revoked_at bigint
);


--
-- Name: audit; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit (
    id bigint NOT NULL,
    at bigint NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    project_id text,
    object text,
    details text
);


--
-- Name: audit_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: configuration_generation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.configuration_generation (
    id integer NOT NULL,
    value bigint NOT NULL,
    CONSTRAINT configuration_generation_id_check CHECK ((id = 1))
);


--
-- Name: ledger; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger (
    jti text NOT NULL,
    project_id text NOT NULL,
    kid text,
    alg text NOT NULL,
    subject text,
    audience text,
    scopes text,
    issued_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    one_time integer NOT NULL,
    consumed_at bigint,
    sealed_token bytea NOT NULL
);


--
-- Name: meta; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meta (
    name text NOT NULL,
    value bytea NOT NULL
);


--
-- Name: projects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects (
    id text NOT NULL,
    name text NOT NULL,
    issuer text NOT NULL,
    audience text NOT NULL,
    default_ttl bigint NOT NULL,
    max_ttl bigint NOT NULL,
    jwks_max_age bigint NOT NULL,
    scopes text NOT NULL,
    created_at bigint NOT NULL,
    rotation_interval bigint DEFAULT 7776000 NOT NULL,
    profile text DEFAULT ''::text NOT NULL
);


--
-- Name: refresh_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.refresh_tokens (
    token_hash bytea NOT NULL,
    family text NOT NULL,
    issued_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    used_at bigint
);


--
-- Name: session_families; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.session_families (
    family text NOT NULL,
    project_id text NOT NULL,
    api_key_id text NOT NULL,
    created_at bigint NOT NULL,
    revoked_at bigint,
    revoked_reason text
);


--
-- Name: signet_schema; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signet_schema (
    version integer NOT NULL
);


--
-- Name: signing_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signing_keys (
    project_id text NOT NULL,
    kid text NOT NULL,
    alg text NOT NULL,
    key_type text NOT NULL,
    state text NOT NULL,
    created_at bigint NOT NULL,
    activated_at bigint,
    retire_at bigint,
    ended_at bigint,
    fingerprint text NOT NULL,
    public_jwk text NOT NULL,
    sealed_private bytea NOT NULL,
    CONSTRAINT signing_keys_state_check CHECK ((state = ANY (ARRAY['next'::text, 'active'::text, 'retiring'::text, 'retired'::text, 'revoked'::text])))
);


--
-- Data for Name: api_keys; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.api_keys (id, project_id, name, scopes, secret_hash, sealed_secret, created_at, expires_at, last_used_at, revoked_at) VALUES ('ak_legacy', 'legacy', 'backend', 'legacy:read', '\x3b264b29e5b41aafea5476984583e98036f45127343508683abc98f0c590a25e', '\x6ee65405bcc9bc6b9c96a1366a3a17c5bd57f4be2248c72de3f9957b4634eb113962dc5dd048e6a1a5a591cc6b9710cf6dec798b442120dfe34fd3a99e2d53111266f691610ecb5f', 1800000000, NULL, NULL, NULL);


--
-- Data for Name: audit; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit (id, at, actor, action, project_id, object, details) OVERRIDING SYSTEM VALUE VALUES (1, 1800000000, 'cli', 'project.create', 'legacy', 'legacy', '');
INSERT INTO public.audit (id, at, actor, action, project_id, object, details) OVERRIDING SYSTEM VALUE VALUES (2, 1800000000, 'cli', 'key.generate', 'legacy', 'legacy-key', 'ES256');


--
-- Data for Name: configuration_generation; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.configuration_generation (id, value) VALUES (1, 3);


--
-- Data for Name: ledger; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.ledger (jti, project_id, kid, alg, subject, audience, scopes, issued_at, expires_at, one_time, consumed_at, sealed_token) VALUES ('01JLEGACYTOKEN00000000000A', 'legacy', 'legacy-key', 'ES256', 'legacy-user', 'legacy-api', 'legacy:read', 1800000000, 1800000900, 1, NULL, '\x4f96fe29c7b636ad7e38bbd805da552af29b06895a4bad68d8c6554cb3083da2635599e2bef861808a9935d6434b3b6b8cd2b9c97a64ae2bf2d53573b4da8de876afcf7fde92bee2d8e9329fd1cc6c23ecbc042b');


--
-- Data for Name: meta; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.meta (name, value) VALUES ('vault.kdf', '\x736372797074');
INSERT INTO public.meta (name, value) VALUES ('vault.salt', '\x8f6c2bc122191fe2960f6dd08a5161ed');
INSERT INTO public.meta (name, value) VALUES ('vault.n', '\x31303234');
INSERT INTO public.meta (name, value) VALUES ('vault.r', '\x38');
INSERT INTO public.meta (name, value) VALUES ('vault.p', '\x31');
INSERT INTO public.meta (name, value) VALUES ('vault.wrapped', '\x0cff017c2b31f7242892010a047c8de5e89253f403921978d4aecb83647f6e3778953ef00af7c4edb60f8ba8f6ba3d4b7286c933eb2183b1610606d1');


--
-- Data for Name: projects; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.projects (id, name, issuer, audience, default_ttl, max_ttl, jwks_max_age, scopes, created_at, rotation_interval, profile) VALUES ('legacy', 'Legacy team', 'https://legacy.test', 'legacy-api', 900, 3600, 600, '[{"name":"legacy:read","description":"Read"}]', 1800000000, 86400, '');


--
-- Data for Name: refresh_tokens; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: session_families; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: signet_schema; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.signet_schema (version) VALUES (5);


--
-- Data for Name: signing_keys; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.signing_keys (project_id, kid, alg, key_type, state, created_at, activated_at, retire_at, ended_at, fingerprint, public_jwk, sealed_private) VALUES ('legacy', 'legacy-key', 'ES256', 'EC P-256', 'active', 1800000000, 1800000000, NULL, NULL, 'SHA256:463ae1iDQAoKcRJoa6z8Z9kimXU24y7468NHrZ_T05U', '{"kty":"EC","kid":"legacy-key","use":"sig","alg":"ES256","crv":"P-256","x":"OQSs6qtvIIQqkEnYzhggYDME03OV_eOLiPVwajDH3eE","y":"H5uLeg-bi7w5PpLOxFwmNyyQG-WhgrsipF1uyMvyY-4"}', '\x7c04392a2756b7c60dc01fe5729d917d61c33775cd8e100913bacd4fd77452931134c077b5547573d81e490058ec311b7bbadd8658885df332c28ec27e018f060af59063c6e89b78eaebb49487afd4e94ab2683261aff2d53dc8ea1081137c176601e2cbc157c27d64cee585492af9341ff5d88690e3ff2cfb5e3fae4a8fdc550ffff6e7202d33bf2df59c2a99126e102f2770662486d377459122cf12dcd730fa756e6c9cce9c659ba358d9532e433ede109532eb2d4924e54dfcca30dd02d989d85bc847e3400e080b31026a33e3ccad1b71c8fe001ff3c10996c3e3c20d03efc36f4918729f1f377150a3b1c5459ba52bc041a0df01b6a8');


--
-- Name: audit_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_id_seq', 2, true);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);


--
-- Name: audit audit_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit
    ADD CONSTRAINT audit_pkey PRIMARY KEY (id);


--
-- Name: configuration_generation configuration_generation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.configuration_generation
    ADD CONSTRAINT configuration_generation_pkey PRIMARY KEY (id);


--
-- Name: ledger ledger_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger
    ADD CONSTRAINT ledger_pkey PRIMARY KEY (jti);


--
-- Name: meta meta_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meta
    ADD CONSTRAINT meta_pkey PRIMARY KEY (name);


--
-- Name: projects projects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (id);


--
-- Name: refresh_tokens refresh_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refresh_tokens
    ADD CONSTRAINT refresh_tokens_pkey PRIMARY KEY (token_hash);


--
-- Name: session_families session_families_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.session_families
    ADD CONSTRAINT session_families_pkey PRIMARY KEY (family);


--
-- Name: signing_keys signing_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signing_keys
    ADD CONSTRAINT signing_keys_pkey PRIMARY KEY (project_id, kid);


--
-- Name: audit_by_project; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_by_project ON public.audit USING btree (project_id, id);


--
-- Name: ledger_by_project; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_by_project ON public.ledger USING btree (project_id, issued_at);


--
-- Name: one_active_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX one_active_key ON public.signing_keys USING btree (project_id) WHERE (state = 'active'::text);


--
-- Name: refresh_tokens_by_family; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refresh_tokens_by_family ON public.refresh_tokens USING btree (family);


--
-- Name: api_keys api_keys_generation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER api_keys_generation AFTER INSERT OR DELETE OR UPDATE ON public.api_keys FOR EACH STATEMENT EXECUTE FUNCTION public.signet_bump_configuration();


--
-- Name: audit audit_append_only_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON public.audit FOR EACH ROW EXECUTE FUNCTION public.signet_audit_append_only();


--
-- Name: audit audit_append_only_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON public.audit FOR EACH STATEMENT EXECUTE FUNCTION public.signet_audit_append_only();


--
-- Name: audit audit_append_only_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON public.audit FOR EACH ROW EXECUTE FUNCTION public.signet_audit_append_only();


--
-- Name: projects projects_generation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER projects_generation AFTER INSERT OR DELETE OR UPDATE ON public.projects FOR EACH STATEMENT EXECUTE FUNCTION public.signet_bump_configuration();


--
-- Name: signing_keys signing_keys_generation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER signing_keys_generation AFTER INSERT OR DELETE OR UPDATE ON public.signing_keys FOR EACH STATEMENT EXECUTE FUNCTION public.signet_bump_configuration();


--
-- Name: api_keys api_keys_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- Name: ledger ledger_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger
    ADD CONSTRAINT ledger_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- Name: refresh_tokens refresh_tokens_family_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refresh_tokens
    ADD CONSTRAINT refresh_tokens_family_fkey FOREIGN KEY (family) REFERENCES public.session_families(family) ON DELETE CASCADE;


--
-- Name: session_families session_families_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.session_families
    ADD CONSTRAINT session_families_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- Name: signing_keys signing_keys_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signing_keys
    ADD CONSTRAINT signing_keys_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--



