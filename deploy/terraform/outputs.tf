output "api_url" {
  description = "Base URL of the API: the web client's and the CLI's --api."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "function_name" {
  value = aws_lambda_function.api.function_name
}

output "function_alias_arn" {
  description = "The alias API Gateway invokes (its version is SnapStart's snapshot)."
  value       = aws_lambda_alias.live.arn
}

output "bucket" {
  value = aws_s3_bucket.recordings.bucket
}

output "table" {
  value = aws_dynamodb_table.recordings.name
}

output "queue" {
  value = aws_sqs_queue.jobs.name
}

output "dead_letter_queue" {
  value = aws_sqs_queue.dead.name
}

output "worker_cluster" {
  value = aws_ecs_cluster.recordings.name
}

output "worker_service" {
  value = aws_ecs_service.worker.name
}
