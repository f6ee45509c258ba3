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

/** Documents the 404 problem of an endpoint of one recording (NotFoundHandler). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "404", description = "no such recording, expired, or someone else's",
    content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@interface AnswersNotFound {}
