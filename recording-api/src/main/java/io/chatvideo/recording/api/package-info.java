/**
 * The HTTP API's wire types, one record per request or response body, in snake_case JSON. The
 * server binds and writes them (Micronaut Serde, through {@code @SerdeImport}), the CLI reads and
 * writes them (Jackson databind), and the OpenAPI document the web client's types come from is
 * generated from them: a field is declared once, here.
 */
package io.chatvideo.recording.api;
