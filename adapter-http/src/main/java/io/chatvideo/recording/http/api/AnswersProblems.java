package io.chatvideo.recording.http.api;

import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the problems every {@code /recordings} endpoint may answer. Micronaut folds these
 * annotations into the ones they annotate, so the OpenAPI document lists each response once per
 * operation while the controllers name them in a word.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "400", description = "invalid input; the problem's field names it",
    content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "no valid bearer token",
    content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "storage unavailable; retry after Retry-After seconds",
    content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@interface AnswersProblems {}
