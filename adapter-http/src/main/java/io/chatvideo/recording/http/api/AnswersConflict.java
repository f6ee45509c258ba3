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

/** Documents the 409 problem of an endpoint that needs an upload in progress (ConflictHandler). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "409", description = "the recording is not in the state this needs",
    content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@interface AnswersConflict {}
