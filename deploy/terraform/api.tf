# The routes of the API (adapter-http/README.md, Endpoints); anything else is API Gateway's 404.
locals {
  routes = [
    "POST /recordings/upload-url",
    "POST /recordings/multipart",
    "GET /recordings",
    "GET /recordings/{id}",
    "DELETE /recordings/{id}",
    "POST /recordings/{id}/complete",
    "POST /recordings/{id}/parts",
    "GET /recordings/{id}/parts",
    "DELETE /recordings/{id}/upload",
    "POST /recordings/{id}/shares",
    "GET /recordings/{id}/shares",
    "DELETE /recordings/{id}/shares/{share_id}",
    "GET /s/{token}",
    "POST /s/{token}",
    "GET /s/{token}/media/{media}",
    "GET /health",
  ]
}

resource "aws_apigatewayv2_api" "api" {
  name          = "${var.name}-api"
  protocol_type = "HTTP"

  # API Gateway answers preflights itself and replaces the function's CORS headers with these.
  cors_configuration {
    allow_origins  = var.allowed_origins
    allow_methods  = ["GET", "POST", "DELETE"]
    allow_headers  = ["authorization", "content-type"]
    expose_headers = ["ETag", "Retry-After", "Content-Range", "Accept-Ranges", "Content-Length", "Content-Disposition"]
    max_age        = 3600
  }
}

resource "aws_apigatewayv2_integration" "api" {
  api_id                 = aws_apigatewayv2_api.api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.live.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 29000
}

resource "aws_apigatewayv2_route" "api" {
  for_each  = toset(local.routes)
  api_id    = aws_apigatewayv2_api.api.id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.api.id}"
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.name}-api"
  retention_in_days = 30
}

resource "aws_apigatewayv2_stage" "default" {
  # Route settings name routes that must exist first.
  depends_on = [aws_apigatewayv2_route.api]

  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = var.api_throttle.burst
    throttling_rate_limit  = var.api_throttle.rate
  }

  # The routes anyone may call without a token get buckets of their own, smaller than the stage's.
  dynamic "route_settings" {
    for_each = var.public_route_throttles
    content {
      route_key              = route_settings.key
      throttling_burst_limit = route_settings.value.burst
      throttling_rate_limit  = route_settings.value.rate
    }
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    # No query string: capability URLs are S3's here, but the API's own stay out of logs too.
    format = jsonencode({
      requestId = "$context.requestId"
      method    = "$context.httpMethod"
      route     = "$context.routeKey"
      status    = "$context.status"
      latencyMs = "$context.integrationLatency"
    })
  }
}
