# The queues as adapter-aws's QueueSetup makes them: NAME-dead keeps dead jobs 14 days, NAME
# dead-letters a job after 5 receives (AwsBackend.DEFAULT_JOB_ATTEMPTS).
resource "aws_sqs_queue" "dead" {
  name                      = "${var.name}-dead"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "jobs" {
  name                    = var.name
  sqs_managed_sse_enabled = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead.arn
    maxReceiveCount     = 5
  })
}
