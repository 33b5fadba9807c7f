/// The OpenAPI 3.1 document for `/api/v1`, served at `/api/v1/openapi.json`. A test checks that
/// it names every route the API registers, and CI runs schemathesis against it
/// (`scripts/api_check.sh`), so a change to a controller's answers belongs here too: the bodies
/// are `APIController` and `PlacesAPIController`'s Content types (a nil optional is left out,
/// never null), the refusals are `Problem` bodies from `ErrorPagesMiddleware`.
enum APIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Onramp API",
        "version": "1",
        "description": "The JSON API of Onramp for a signed-in staff member. Every answer is JSON; every refusal is an RFC 9457 problem body (application/problem+json). Anything that changes data and carries the session cookie must also carry the X-CSRF-Token header, whose value is csrfToken from GET /api/v1/me. Any request whose address (path or query) holds a NUL character or a percent-escape that is not UTF-8, or whose JSON or form body holds a NUL (also as \\u0000) or bytes that are not UTF-8, is refused with 400 before it reaches the operation."
      },
      "servers": [{"url": "/"}],
      "security": [{"session": []}],
      "paths": {
        "/api/v1/openapi.json": {
          "get": {
            "operationId": "openAPI", "summary": "This document", "security": [],
            "responses": {
              "200": {"description": "The OpenAPI 3.1 document.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["openapi", "info", "paths"], "properties": {"openapi": {"const": "3.1.0"}}}}}},
              "400": {"$ref": "#/components/responses/NotText"}
            }
          }
        },
        "/api/v1/me": {
          "get": {
            "operationId": "me", "summary": "The signed-in person, their organisation, what their role allows, and the CSRF token",
            "responses": {
              "200": {"description": "The signed-in person.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}},
              "400": {"$ref": "#/components/responses/NotText"},
              "401": {"$ref": "#/components/responses/NotSignedIn"}
            }
          }
        },
        "/api/v1/organisations": {
          "get": {
            "operationId": "listOrganisations", "summary": "The organisations of the signed-in person's council: the council first, then its partners by name",
            "description": "Needs a role that may view organisations (admin, officer, analyst).",
            "responses": {
              "200": {"description": "The organisations.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Organisation"}}}}},
              "400": {"$ref": "#/components/responses/NotText"},
              "401": {"$ref": "#/components/responses/NotSignedIn"},
              "403": {"$ref": "#/components/responses/Forbidden"}
            }
          },
          "post": {
            "operationId": "createOrganisation", "summary": "Adds a partner organisation to the signed-in person's council",
            "description": "Needs a role that may manage organisations (admin). With the session cookie, X-CSRF-Token must be sent too. The name is trimmed of white space, must not be empty, must be at most 150 characters, and must not already be an organisation of the council; the type is any but council.",
            "security": [{"session": [], "csrfToken": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PartnerInput"}}}},
            "responses": {
              "201": {"description": "The organisation was added.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organisation"}}}},
              "400": {"description": "The body is not valid JSON for an organisation (not an object, or name or type not strings), or it is not text (see NotText).",
                      "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "401": {"$ref": "#/components/responses/NotSignedIn"},
              "403": {"description": "The X-CSRF-Token header is missing or wrong while a session cookie was sent, or the role may not manage organisations.",
                      "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "413": {"description": "The body is larger than the limit (1 MB by default).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "415": {"description": "The body was not sent with Content-Type: application/json.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "422": {"description": "The organisation was not added: errors says what is wrong with which field (name or type).",
                      "content": {"application/problem+json": {"schema": {"allOf": [{"$ref": "#/components/schemas/Problem"}, {"required": ["errors"]}]}}}}
            }
          }
        },
        "/api/v1/areas": {
          "get": {
            "operationId": "listAreas", "summary": "The LSOAs of a local authority with their figures in the council's latest run of the index on that geography",
            "parameters": [
              {"name": "lad", "in": "query", "required": true, "description": "A local authority's GSS code (E06, E07, E08, E09 or W06 and six digits).",
               "schema": {"type": "string", "pattern": "^(E0[6-9]|W06)[0-9]{6}$"}, "example": "E09000028"},
              {"name": "geography", "in": "query", "required": false, "description": "The LSOAs of 2021 (the default) or of 2011.",
               "schema": {"$ref": "#/components/schemas/LSOAGeography"}}
            ],
            "responses": {
              "200": {"description": "The areas; indexRun and the figures are absent when the council has no run for them.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AreaList"}}}},
              "400": {"description": "lad is missing or not a local authority's code, geography is neither lsoa21 nor lsoa11, or the address is not text (see NotText).",
                      "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "401": {"$ref": "#/components/responses/NotSignedIn"},
              "404": {"description": "Onramp has no LSOAs of that geography for that local authority.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            }
          }
        },
        "/api/v1/areas/{areaCode}": {
          "get": {
            "operationId": "getArea", "summary": "One LSOA in full: its figures in a run of the council's, what drives them and where each came from",
            "parameters": [
              {"name": "areaCode", "in": "path", "required": true, "description": "An ONS LSOA code, of England (E01) or Wales (W01).",
               "schema": {"type": "string", "pattern": "^[EW]01[0-9]{6}$"}, "example": "E01004040"},
              {"name": "run", "in": "query", "required": false, "description": "A run of the council's index; it also says whether the code is a 2011 or a 2021 LSOA. A value that is not a UUID is ignored.",
               "schema": {"type": "string", "format": "uuid"}},
              {"name": "geography", "in": "query", "required": false, "description": "Without run: look the code up among the LSOAs of 2021 or 2011. Without either, 2021, then 2011 for a code only 2011 has. Any other value is ignored.",
               "schema": {"$ref": "#/components/schemas/LSOAGeography"}}
            ],
            "responses": {
              "200": {"description": "The area.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AreaDetail"}}}},
              "400": {"$ref": "#/components/responses/NotText"},
              "401": {"$ref": "#/components/responses/NotSignedIn"},
              "404": {"description": "Onramp has no LSOA with that code (on that geography), or run is not a run of the council's.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            }
          }
        },
        "/api/v1/index-runs/{runID}": {
          "get": {
            "operationId": "getIndexRun", "summary": "One stored run of the index with its settings, sources and scores",
            "parameters": [
              {"name": "runID", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}
            ],
            "responses": {
              "200": {"description": "The run.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunDetail"}}}},
              "400": {"$ref": "#/components/responses/NotText"},
              "401": {"$ref": "#/components/responses/NotSignedIn"},
              "404": {"description": "No run of the council's has that id (or it is not a UUID).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "session": {"type": "apiKey", "in": "cookie", "name": "onramp_session", "description": "The session of a signed-in staff member, set by signing in at /sign-in."},
          "csrfToken": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token", "description": "csrfToken from GET /api/v1/me; required on POST whenever the session cookie is sent."}
        },
        "responses": {
          "NotText": {"description": "The address (path or query) holds a NUL character or a percent-escape that is not UTF-8, or a JSON or form body holds a NUL or bytes that are not UTF-8.",
                      "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "NotSignedIn": {"description": "No session cookie, or one whose session is unknown or has expired.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "Forbidden": {"description": "The signed-in person's role does not allow this.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        },
        "schemas": {
          "Problem": {
            "type": "object", "description": "RFC 9457. A fault of ours (5xx) carries incident, the reference that is also in the log.",
            "required": ["type", "title", "status", "detail"],
            "properties": {
              "type": {"type": "string", "const": "about:blank"},
              "title": {"type": "string", "description": "The status's reason phrase."},
              "status": {"type": "integer", "minimum": 400, "maximum": 599},
              "detail": {"type": "string"},
              "instance": {"type": "string", "description": "The request's path."},
              "incident": {"type": "string"},
              "errors": {"type": "array", "items": {"type": "object", "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}
            }
          },
          "Role": {"type": "string", "enum": ["admin", "officer", "partner", "champion", "analyst"]},
          "OrganisationType": {"type": "string", "enum": ["council", "library", "housing", "charity", "other"]},
          "LSOAGeography": {"type": "string", "enum": ["lsoa21", "lsoa11"], "default": "lsoa21"},
          "Organisation": {
            "type": "object", "required": ["id", "name", "type"],
            "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}, "type": {"$ref": "#/components/schemas/OrganisationType"}}
          },
          "Me": {
            "type": "object", "required": ["id", "name", "email", "role", "organisation", "permissions", "csrfToken"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}, "email": {"type": "string"},
              "role": {"$ref": "#/components/schemas/Role"}, "organisation": {"$ref": "#/components/schemas/Organisation"},
              "permissions": {"type": "array", "items": {"type": "string"}, "description": "The actions the role allows."},
              "csrfToken": {"type": "string", "description": "Send this back as X-CSRF-Token with anything that changes data."}
            }
          },
          "PartnerInput": {
            "type": "object", "required": ["name", "type"],
            "properties": {
              "name": {"type": "string", "minLength": 1, "maxLength": 150, "pattern": "\\S", "description": "Trimmed of white space; at most 150 characters."},
              "type": {"type": "string", "enum": ["library", "housing", "charity", "other"]}
            }
          },
          "AreaSummary": {
            "type": "object", "required": ["code", "name"], "description": "ward, riskIndex, rank and partial are absent when unknown or when there is no run.",
            "properties": {
              "code": {"type": "string"}, "name": {"type": "string"}, "ward": {"type": "string"},
              "riskIndex": {"type": "number"}, "rank": {"type": "integer"}, "partial": {"type": "boolean"}
            }
          },
          "AreaList": {
            "type": "object", "required": ["localAuthority", "geography", "areas", "attribution"],
            "properties": {
              "localAuthority": {"type": "string"}, "geography": {"$ref": "#/components/schemas/LSOAGeography"},
              "indexRun": {"type": "string", "format": "uuid"},
              "areas": {"type": "array", "items": {"$ref": "#/components/schemas/AreaSummary"}},
              "attribution": {"$ref": "#/components/schemas/Attribution"}
            }
          },
          "Attribution": {"type": "array", "items": {"type": "string"}, "description": "The lines the data's licences ask to be shown."},
          "Source": {
            "type": "object", "required": ["dataset", "vintage", "file", "sha256", "importedAt"],
            "properties": {
              "dataset": {"type": "string"}, "vintage": {"type": "string"}, "file": {"type": "string"},
              "sha256": {"type": "string"}, "importedAt": {"type": "string", "format": "date-time"}
            }
          },
          "AreaDetail": {
            "type": "object", "required": ["code", "geography", "name", "counterparts", "components", "indicators", "sources", "attribution"],
            "properties": {
              "code": {"type": "string"}, "geography": {"$ref": "#/components/schemas/LSOAGeography"}, "name": {"type": "string"},
              "ward": {"type": "string"}, "localAuthority": {"type": "string"},
              "counterparts": {"type": "array", "items": {"type": "string"}, "description": "The LSOAs of the other geography this one overlaps."},
              "indexRun": {"type": "string", "format": "uuid"}, "riskIndex": {"type": "number"}, "rank": {"type": "integer"},
              "components": {"type": "object", "propertyNames": {"enum": ["demography", "connectivity", "deprivation"]}, "additionalProperties": {"type": "number"}},
              "indicators": {"type": "array", "items": {
                "type": "object", "required": ["key", "label"],
                "properties": {
                  "key": {"type": "string"}, "label": {"type": "string"}, "value": {"type": "number"}, "score": {"type": "number"},
                  "source": {"type": "string"}, "method": {"type": "string", "description": "How a 2011 figure was carried to 2021 LSOAs, or back."}
                }}},
              "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
              "attribution": {"$ref": "#/components/schemas/Attribution"}
            }
          },
          "RunSettings": {
            "type": "object", "required": ["indicators", "indicatorWeights", "componentWeights"],
            "properties": {
              "indicators": {"type": "array", "items": {"type": "string"}},
              "indicatorWeights": {"type": "object", "additionalProperties": {"type": "integer"}},
              "componentWeights": {"type": "object", "additionalProperties": {"type": "integer"}},
              "custom": {"type": "array", "description": "The council's own indicators as they were when the run was made.", "items": {
                "type": "object", "required": ["key", "label", "component", "reversed"],
                "properties": {
                  "key": {"type": "string"}, "label": {"type": "string"},
                  "component": {"type": "string", "enum": ["demography", "connectivity", "deprivation"]}, "reversed": {"type": "boolean"}
                }}}
            }
          },
          "RunDetail": {
            "type": "object", "required": ["id", "localAuthority", "geography", "base", "settings", "createdAt", "createdBy", "sources", "scores", "attribution"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "localAuthority": {"type": "string"},
              "geography": {"$ref": "#/components/schemas/LSOAGeography"},
              "base": {"type": "string", "enum": ["lad", "london", "england"], "description": "What the scores are relative to: the local authority, London or England."},
              "settings": {"$ref": "#/components/schemas/RunSettings"},
              "createdAt": {"type": "string", "format": "date-time"}, "createdBy": {"type": "string"},
              "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
              "scores": {"type": "array", "items": {"$ref": "#/components/schemas/AreaSummary"}},
              "attribution": {"$ref": "#/components/schemas/Attribution"}
            }
          }
        }
      }
    }
    """#
}
