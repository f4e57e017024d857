// The OpenAPI 3.1 document of the API, served at GET /openapi.yaml. A test keeps it true to the router.
enum OpenAPIDocument {
    static let yaml = ##"""
openapi: 3.1.0
info:
  title: Likeness
  version: "1.0"
  description: >
    Consent and likeness-rights tracker for productions that use generative AI. Every non-2xx
    answer has the error body `{"error": {"code", "message", "field"?}}`.
servers:
  - url: /
security:
  - bearer: []
tags:
  - name: health
  - name: auth
  - name: registry
  - name: grants
  - name: checks
  - name: personal
  - name: audit
paths:
  /healthz:
    get:
      tags: [health]
      operationId: health
      security: []
      responses:
        "200":
          description: The service is up.
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: {const: ok}
  /openapi.yaml:
    get:
      tags: [health]
      operationId: openapi
      security: []
      responses:
        "200":
          description: This document.
          content:
            application/yaml:
              schema: {type: string}
  /v1/sessions:
    post:
      tags: [auth]
      operationId: login
      security: []
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/SessionInput"}
      responses:
        "201":
          description: A bearer token for the other calls.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Session"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "429": {$ref: "#/components/responses/TooManyRequests"}
        "503": {$ref: "#/components/responses/Unavailable"}
    delete:
      tags: [auth]
      operationId: logout
      responses:
        "204": {description: The session is closed.}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /v1/accounts:
    post:
      tags: [auth]
      operationId: createAccount
      description: Admin. An admin or privacy account is enrolled in the vault with the calling session's key.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/AccountInput"}
      responses:
        "201":
          description: The account.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Account"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/accounts/{username}:
    parameters:
      - {$ref: "#/components/parameters/Username"}
    delete:
      tags: [auth]
      operationId: deleteAccount
      description: Admin. Removes the account with its wrapped keys and ends its sessions.
      responses:
        "204": {description: Removed.}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/accounts/{username}/password:
    parameters:
      - {$ref: "#/components/parameters/Username"}
    post:
      tags: [auth]
      operationId: changePassword
      description: The account itself. Re-wraps its vault key and ends its sessions.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [currentPassword, newPassword]
              properties:
                currentPassword: {type: string}
                newPassword: {type: string, minLength: 10}
      responses:
        "204": {description: Changed.}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/api-keys:
    post:
      tags: [auth]
      operationId: createAPIKey
      description: Admin. The key is shown once and stored as its SHA-256.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name, role]
              properties:
                name: {type: string}
                role: {$ref: "#/components/schemas/AccountRole"}
      responses:
        "201":
          description: The key.
          content:
            application/json:
              schema:
                type: object
                required: [id, name, role, key]
                properties:
                  id: {type: string}
                  name: {type: string}
                  role: {$ref: "#/components/schemas/AccountRole"}
                  key: {type: string}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/performers:
    post:
      tags: [registry]
      operationId: createPerformer
      description: Casting.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/PerformerInput"}
      responses:
        "201":
          description: The performer.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Performer"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/performers/{id}:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    get:
      tags: [registry]
      operationId: getPerformer
      responses:
        "200":
          description: The performer (no personal data).
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Performer"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
    patch:
      tags: [registry]
      operationId: patchPerformer
      description: Casting. `null` clears minorUntil or deceasedOn.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}
                minorUntil: {type: [string, "null"], format: date}
                deceasedOn: {type: [string, "null"], format: date}
      responses:
        "200":
          description: The performer.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Performer"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/performers/{id}/grants:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    get:
      tags: [grants]
      operationId: performerGrants
      responses:
        "200":
          description: The performer's grants.
          content:
            application/json:
              schema:
                type: object
                required: [grants]
                properties:
                  grants:
                    type: array
                    items: {$ref: "#/components/schemas/Grant"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/performers/{id}/personal:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    put:
      tags: [personal]
      operationId: writePersonalData
      description: Casting and privacy. Sealed to the vault's public key; audited.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/PersonalData"}
      responses:
        "204": {description: Stored.}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
    get:
      tags: [personal]
      operationId: readPersonalData
      description: Privacy officers only (never admins), with a session that unlocked the vault at login; audited.
      responses:
        "200":
          description: The personal data.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/PersonalData"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/productions:
    post:
      tags: [registry]
      operationId: createProduction
      description: Casting.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [title]
              properties:
                id: {$ref: "#/components/schemas/Id"}
                title: {type: string}
                studio: {type: string}
      responses:
        "201":
          description: The production.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Production"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/productions/{id}:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    get:
      tags: [registry]
      operationId: getProduction
      responses:
        "200":
          description: The production.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Production"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/productions/{id}/roles:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    post:
      tags: [registry]
      operationId: createRole
      description: Casting. A role naming a union is union-covered.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [performer, name, category]
              properties:
                id: {$ref: "#/components/schemas/Id"}
                performer: {$ref: "#/components/schemas/Id"}
                name: {type: string}
                category: {$ref: "#/components/schemas/RoleCategory"}
                union: {$ref: "#/components/schemas/Id"}
      responses:
        "201":
          description: The role.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Role"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
    get:
      tags: [registry]
      operationId: productionRoles
      responses:
        "200":
          description: The production's roles.
          content:
            application/json:
              schema:
                type: object
                required: [roles]
                properties:
                  roles:
                    type: array
                    items: {$ref: "#/components/schemas/Role"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/tools:
    post:
      tags: [registry]
      operationId: createTool
      description: Admin.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name, retainsInputs, enterpriseSecured]
              properties:
                id: {$ref: "#/components/schemas/Id"}
                name: {type: string}
                vendor: {type: string}
                retainsInputs: {type: boolean}
                enterpriseSecured: {type: boolean}
      responses:
        "201":
          description: The tool.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Tool"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/tools/{id}:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    get:
      tags: [registry]
      operationId: getTool
      responses:
        "200":
          description: The tool.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Tool"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/unions/{name}:
    parameters:
      - name: name
        in: path
        required: true
        schema: {type: string}
    put:
      tags: [registry]
      operationId: setUnion
      description: Admin. A strike suspends consent for the roles the union covers.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [strike]
              properties:
                strike: {type: boolean}
      responses:
        "200":
          description: The union's state.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Union"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
    get:
      tags: [registry]
      operationId: getUnion
      responses:
        "200":
          description: The union's state.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Union"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/grants:
    post:
      tags: [grants]
      operationId: createGrant
      description: Casting.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/GrantInput"}
      responses:
        "201":
          description: The grant with its status history.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/GrantDetail"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/grants/{id}:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    get:
      tags: [grants]
      operationId: getGrant
      responses:
        "200":
          description: The grant with its status history.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/GrantDetail"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/grants/{id}/revoke:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    post:
      tags: [grants]
      operationId: revokeGrant
      description: Casting. Final; every later check that needed the grant is denied.
      requestBody: {$ref: "#/components/requestBodies/Reason"}
      responses: &grantChange
        "200":
          description: The grant with its status history.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/GrantDetail"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/grants/{id}/suspend:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    post:
      tags: [grants]
      operationId: suspendGrant
      description: Casting.
      requestBody: {$ref: "#/components/requestBodies/Reason"}
      responses: *grantChange
  /v1/grants/{id}/resume:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    post:
      tags: [grants]
      operationId: resumeGrant
      description: Casting.
      requestBody: {$ref: "#/components/requestBodies/Reason"}
      responses: *grantChange
  /v1/grants/{id}/impact:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    get:
      tags: [checks]
      operationId: grantImpact
      description: Casting and auditors. Earlier allowed/notify checks that relied on the grant.
      responses:
        "200":
          description: The checks.
          content:
            application/json:
              schema:
                type: object
                required: [checks]
                properties:
                  checks:
                    type: array
                    items: {$ref: "#/components/schemas/Check"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/approvals:
    post:
      tags: [grants]
      operationId: createApproval
      description: Admin.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ApprovalInput"}
      responses:
        "201":
          description: The approval.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Approval"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/approvals/{id}:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    get:
      tags: [grants]
      operationId: getApproval
      responses:
        "200":
          description: The approval.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Approval"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/approvals/{id}/revoke:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    post:
      tags: [grants]
      operationId: revokeApproval
      description: Admin.
      requestBody: {$ref: "#/components/requestBodies/Reason"}
      responses:
        "200":
          description: The approval, revoked.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Approval"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/checks:
    post:
      tags: [checks]
      operationId: check
      description: Production, casting, admin. Decides a proposed use and stores the receipt before answering.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/CheckInput"}
      responses:
        "200":
          description: The decision, as stored.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Check"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/checks/{id}:
    parameters:
      - {$ref: "#/components/parameters/Id"}
    get:
      tags: [checks]
      operationId: getCheck
      description: A check as decided. Production callers read their own checks only.
      responses:
        "200":
          description: The stored check.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Check"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/alerts:
    get:
      tags: [checks]
      operationId: alerts
      description: Casting and auditors.
      parameters:
        - name: within
          in: query
          schema: {type: integer, minimum: 0, maximum: 3650, default: 30}
        - name: at
          in: query
          schema: {type: string, format: date}
      responses:
        "200":
          description: Expiring and impacted grants.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/AlertReport"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/audit:
    get:
      tags: [audit]
      operationId: audit
      description: Auditors and admins. Newest first.
      parameters:
        - name: limit
          in: query
          schema: {type: integer, minimum: 1, maximum: 1000, default: 100}
        - name: before
          in: query
          schema: {type: integer, minimum: 1}
      responses:
        "200":
          description: A page of the audit trail.
          content:
            application/json:
              schema:
                type: object
                required: [entries]
                properties:
                  entries:
                    type: array
                    items: {$ref: "#/components/schemas/AuditEntry"}
                  next: {type: integer, description: Pass as `before` for the next page.}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "422": {$ref: "#/components/responses/Invalid"}
        "503": {$ref: "#/components/responses/Unavailable"}
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
      description: A session token from POST /v1/sessions or an API key from POST /v1/api-keys.
  parameters:
    Id:
      name: id
      in: path
      required: true
      schema: {type: string}
    Username:
      name: username
      in: path
      required: true
      schema: {type: string}
  requestBodies:
    Reason:
      required: true
      content:
        application/json:
          schema:
            type: object
            required: [reason]
            properties:
              reason: {type: string}
  responses:
    BadRequest:
      description: Malformed JSON or a value of the wrong type.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    Unauthorized:
      description: Missing, unknown or expired credentials.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    Forbidden:
      description: The caller's role may not do this.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    NotFound:
      description: An unknown id, in the path or in the body.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    Conflict:
      description: A duplicate id or a conflicting state.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    TooLarge:
      description: The body is over 1 MiB.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    Invalid:
      description: Well-formed but invalid (bad enum, date, range, empty set, ...).
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    TooManyRequests:
      description: Too many failed logins; see Retry-After.
      headers:
        Retry-After:
          schema: {type: integer}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    Unavailable:
      description: The database is busy; retry.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
  schemas:
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [code, message]
          properties:
            code: {type: string}
            message: {type: string}
            field: {type: string}
    Id:
      type: string
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
    Date:
      type: string
      format: date
    Timestamp:
      type: string
      format: date-time
    AccountRole: {enum: [admin, casting, production, privacy, auditor]}
    RoleCategory: {enum: [principal, background, stunt, voice, other]}
    Use: {enum: [replica, new-performance, alteration, training, synthetic, ideation, generation]}
    Aspect: {enum: [face, body, voice, name]}
    Destination: {enum: [temporary, final, marketing]}
    Requirement: {enum: [talent-likeness, final-deliverable, personal-data, third-party-ip, unvetted-tool, synthetic-performer]}
    Decision: {enum: [allowed, notify, needs-approval, denied]}
    Obligation: {enum: [notify-contact, notify-union, disclose-synthetic-media]}
    SessionInput:
      type: object
      required: [username, password]
      properties:
        username: {type: string}
        password: {type: string}
    Session:
      type: object
      required: [token, role, expiresAt]
      properties:
        token: {type: string}
        role: {$ref: "#/components/schemas/AccountRole"}
        expiresAt: {$ref: "#/components/schemas/Timestamp"}
    AccountInput:
      type: object
      required: [username, password, role]
      properties:
        username: {$ref: "#/components/schemas/Id"}
        password: {type: string, minLength: 10}
        role: {$ref: "#/components/schemas/AccountRole"}
    Account:
      type: object
      required: [username, role, createdAt]
      properties:
        username: {type: string}
        role: {$ref: "#/components/schemas/AccountRole"}
        createdAt: {$ref: "#/components/schemas/Timestamp"}
    PerformerInput:
      type: object
      required: [name]
      properties:
        id: {$ref: "#/components/schemas/Id"}
        name: {type: string}
        minorUntil: {$ref: "#/components/schemas/Date"}
        deceasedOn: {$ref: "#/components/schemas/Date"}
    Performer:
      type: object
      required: [id, name, createdAt]
      properties:
        id: {type: string}
        name: {type: string}
        minorUntil: {$ref: "#/components/schemas/Date"}
        deceasedOn: {$ref: "#/components/schemas/Date"}
        createdAt: {$ref: "#/components/schemas/Timestamp"}
    Production:
      type: object
      required: [id, title, createdAt]
      properties:
        id: {type: string}
        title: {type: string}
        studio: {type: string}
        createdAt: {$ref: "#/components/schemas/Timestamp"}
    Role:
      type: object
      required: [id, production, performer, name, category, createdAt]
      properties:
        id: {type: string}
        production: {type: string}
        performer: {type: string}
        name: {type: string}
        category: {$ref: "#/components/schemas/RoleCategory"}
        union: {type: string}
        createdAt: {$ref: "#/components/schemas/Timestamp"}
    Tool:
      type: object
      required: [id, name, retainsInputs, enterpriseSecured, createdAt]
      properties:
        id: {type: string}
        name: {type: string}
        vendor: {type: string}
        retainsInputs: {type: boolean}
        enterpriseSecured: {type: boolean}
        createdAt: {$ref: "#/components/schemas/Timestamp"}
    Union:
      type: object
      required: [name, strike, updatedAt, updatedBy]
      properties:
        name: {type: string}
        strike: {type: boolean}
        updatedAt: {$ref: "#/components/schemas/Timestamp"}
        updatedBy: {type: string}
    GrantInput:
      type: object
      required: [performer, uses, aspects, destinations, territories, validUntil, signedBy, description]
      properties:
        id: {$ref: "#/components/schemas/Id"}
        performer: {$ref: "#/components/schemas/Id"}
        production:
          description: null or absent for a studio-wide grant.
          oneOf:
            - {$ref: "#/components/schemas/Id"}
            - {type: "null"}
        uses:
          type: array
          minItems: 1
          items: {enum: [replica, new-performance, alteration, training, synthetic]}
        aspects:
          type: array
          minItems: 1
          items: {$ref: "#/components/schemas/Aspect"}
        destinations:
          type: array
          minItems: 1
          items: {$ref: "#/components/schemas/Destination"}
        territories:
          description: '["*"] for worldwide, else ISO 3166-1 alpha-2 codes.'
          type: array
          minItems: 1
          items: {type: string}
        excludedContent:
          type: array
          items: {type: string, pattern: "^[a-z0-9-]{1,64}$"}
        validFrom: {$ref: "#/components/schemas/Date"}
        validUntil: {$ref: "#/components/schemas/Date"}
        signedBy: {enum: [performer, guardian, estate, representative]}
        survivesDeath: {type: boolean}
        description: {type: string, minLength: 20}
        evidence:
          type: object
          properties:
            documentRef: {type: string}
            sha256: {type: string, pattern: "^[0-9a-fA-F]{64}$"}
    Grant:
      type: object
      required: [id, performer, production, uses, aspects, destinations, territories, excludedContent, validFrom,
                 validUntil, signedBy, survivesDeath, description, status, recordedAt, recordedBy]
      properties:
        id: {type: string}
        performer: {type: string}
        production: {type: [string, "null"]}
        uses: {type: array, items: {$ref: "#/components/schemas/Use"}}
        aspects: {type: array, items: {$ref: "#/components/schemas/Aspect"}}
        destinations: {type: array, items: {$ref: "#/components/schemas/Destination"}}
        territories: {type: array, items: {type: string}}
        excludedContent: {type: array, items: {type: string}}
        validFrom: {$ref: "#/components/schemas/Date"}
        validUntil: {$ref: "#/components/schemas/Date"}
        signedBy: {enum: [performer, guardian, estate, representative]}
        survivesDeath: {type: boolean}
        description: {type: string}
        evidence:
          type: object
          properties:
            documentRef: {type: string}
            sha256: {type: string}
        status: {enum: [active, revoked, suspended]}
        recordedAt: {$ref: "#/components/schemas/Timestamp"}
        recordedBy: {type: string}
    GrantDetail:
      allOf:
        - {$ref: "#/components/schemas/Grant"}
        - type: object
          required: [statusHistory]
          properties:
            statusHistory:
              type: array
              items:
                type: object
                required: [grantId, status, reason, at, actor]
                properties:
                  id: {type: integer}
                  grantId: {type: string}
                  status: {enum: [active, revoked, suspended]}
                  reason: {type: string}
                  at: {$ref: "#/components/schemas/Timestamp"}
                  actor: {type: string}
    ApprovalInput:
      type: object
      required: [production, covers, approvedBy, reference]
      properties:
        id: {$ref: "#/components/schemas/Id"}
        production: {$ref: "#/components/schemas/Id"}
        performer: {$ref: "#/components/schemas/Id"}
        uses: {type: array, items: {$ref: "#/components/schemas/Use"}}
        destinations: {type: array, items: {$ref: "#/components/schemas/Destination"}}
        covers:
          type: array
          minItems: 1
          items: {$ref: "#/components/schemas/Requirement"}
        validUntil: {$ref: "#/components/schemas/Date"}
        approvedBy: {type: string}
        reference: {type: string}
    Approval:
      type: object
      required: [id, production, covers, approvedBy, reference, status, recordedAt, recordedBy]
      properties:
        id: {type: string}
        production: {type: string}
        performer: {type: string}
        uses: {type: array, items: {$ref: "#/components/schemas/Use"}}
        destinations: {type: array, items: {$ref: "#/components/schemas/Destination"}}
        covers: {type: array, items: {$ref: "#/components/schemas/Requirement"}}
        validUntil: {$ref: "#/components/schemas/Date"}
        approvedBy: {type: string}
        reference: {type: string}
        status: {enum: [active, revoked]}
        revokedAt: {$ref: "#/components/schemas/Timestamp"}
        revokedBy: {type: string}
        revokeReason: {type: string}
        recordedAt: {$ref: "#/components/schemas/Timestamp"}
        recordedBy: {type: string}
    PersonalData:
      type: object
      required: [legalName]
      properties:
        legalName: {type: string}
        dateOfBirth: {$ref: "#/components/schemas/Date"}
        email: {type: string}
        phone: {type: string}
        address: {type: string}
        governmentId: {type: string}
        representative: {type: string}
        notes: {type: string}
    CheckInput:
      type: object
      required: [production, destination]
      properties:
        production: {$ref: "#/components/schemas/Id"}
        performer: {$ref: "#/components/schemas/Id"}
        use: {$ref: "#/components/schemas/Use"}
        aspects:
          type: array
          items: {$ref: "#/components/schemas/Aspect"}
        destination: {$ref: "#/components/schemas/Destination"}
        territory: {type: string, pattern: "^[A-Z]{2}$"}
        at: {$ref: "#/components/schemas/Date"}
        content: {type: array, items: {type: string, pattern: "^[a-z0-9-]{1,64}$"}}
        tool: {$ref: "#/components/schemas/Id"}
        inputs: {type: array, items: {enum: [personal-data, unreleased-material, third-party-ip]}}
        replicatesThirdPartyWork: {type: boolean}
        customary: {type: boolean, description: For use alteration only.}
    Reason:
      type: object
      required: [code, message, outcome]
      properties:
        code: {type: string}
        message: {type: string}
        outcome: {$ref: "#/components/schemas/Decision"}
        grant: {type: string}
        aspect: {$ref: "#/components/schemas/Aspect"}
        requirement: {$ref: "#/components/schemas/Requirement"}
        union: {type: string}
    Check:
      type: object
      required: [id, decision, reasons, obligations, grants, approvals, requirements, request, decidedAt]
      properties:
        id: {type: string}
        decision: {$ref: "#/components/schemas/Decision"}
        reasons: {type: array, items: {$ref: "#/components/schemas/Reason"}}
        obligations: {type: array, items: {$ref: "#/components/schemas/Obligation"}}
        grants: {type: array, items: {type: string}}
        approvals: {type: array, items: {type: string}}
        requirements: {type: array, items: {$ref: "#/components/schemas/Requirement"}}
        request:
          type: object
          required: [production, use, aspects, destination, at, content, inputs, replicatesThirdPartyWork]
        decidedAt: {$ref: "#/components/schemas/Timestamp"}
    AlertReport:
      type: object
      required: [at, expiring, impacted]
      properties:
        at: {$ref: "#/components/schemas/Date"}
        expiring:
          type: array
          items:
            type: object
            required: [grant, performer, performerName, production, validUntil, daysLeft]
            properties:
              grant: {type: string}
              performer: {type: string}
              performerName: {type: string}
              production: {type: [string, "null"]}
              validUntil: {$ref: "#/components/schemas/Date"}
              daysLeft: {type: integer}
              threshold: {type: integer}
        impacted:
          type: array
          items:
            type: object
            required: [grant, performer, status, since, checks]
            properties:
              grant: {type: string}
              performer: {type: string}
              status: {enum: [revoked, suspended, expired]}
              since: {type: string}
              reason: {type: string}
              checks:
                type: array
                items:
                  type: object
                  required: [id, production, decision, decidedAt]
                  properties:
                    id: {type: string}
                    production: {type: string}
                    decision: {$ref: "#/components/schemas/Decision"}
                    decidedAt: {type: string}
    AuditEntry:
      type: object
      required: [seq, at, actor, action, subject, hash]
      properties:
        seq: {type: integer}
        at: {type: string}
        actor: {type: string}
        action: {type: string}
        subject: {type: string}
        detail: {type: string}
        hash: {type: string}
"""##
}
