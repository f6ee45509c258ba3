data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api" {
  name               = "${var.name}-api"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

resource "aws_iam_role_policy" "api" {
  name   = "recordings"
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.api.json
}

resource "aws_iam_role_policy_attachment" "api_logs" {
  role       = aws_iam_role.api.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/${var.name}-api"
  retention_in_days = 30
}

resource "aws_lambda_function" "api" {
  function_name    = "${var.name}-api"
  role             = aws_iam_role.api.arn
  runtime          = "java21"
  architectures    = ["x86_64"]
  handler          = "io.chatvideo.recording.lambda.RecordingsHandler::handleRequest"
  filename         = var.lambda_jar
  source_code_hash = filebase64sha256(var.lambda_jar)
  memory_size      = var.lambda_memory_mb
  # A ceiling and a floor: the function never takes more of the account, nor gets less.
  reserved_concurrent_executions = var.lambda_reserved_concurrency
  # API Gateway gives up after 29 s; the SDK calls are bounded at 10 s each.
  timeout = 29
  # SnapStart snapshots each published version after its init (with the handler's priming).
  publish = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  environment {
    variables = merge(local.recording_environment, {
      RECORDING_AUTH_MODE     = "jwt"
      RECORDING_AUTH_JWKS_URL = var.jwks_url
      RECORDING_AUTH_ISSUER   = var.jwt_issuer
      RECORDING_AUTH_AUDIENCE = var.jwt_audience
      # The function binds no address: share links are made on this URL.
      RECORDING_PUBLIC_URL = var.public_url != "" ? var.public_url : aws_apigatewayv2_api.api.api_endpoint
      # C1 only: a short-lived function gains little from C2's slower, later compilation.
      JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    })
  }

  depends_on = [aws_cloudwatch_log_group.api, aws_iam_role_policy_attachment.api_logs]
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.api.function_name
  function_version = aws_lambda_function.api.version
}

resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "api-gateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.api.execution_arn}/*/*"
}
