# Least privilege: the function and the workers reach the one bucket prefix, the one table and
# its indexes, and the one queue pair, with the actions adapter-aws calls on each path.
locals {
  objects_arn = "${aws_s3_bucket.recordings.arn}/recordings/*"
  table_arns  = [aws_dynamodb_table.recordings.arn, "${aws_dynamodb_table.recordings.arn}/index/*"]
  queue_arns  = [aws_sqs_queue.jobs.arn, aws_sqs_queue.dead.arn]

  # The application's settings, the same keys as the server jar's (adapter-http/README.md).
  recording_environment = merge({
    RECORDING_BACKEND       = "aws"
    RECORDING_RETENTION     = "${var.retention_days}d"
    RECORDING_AWS_REGION    = var.region
    RECORDING_AWS_BUCKET    = aws_s3_bucket.recordings.bucket
    RECORDING_AWS_TABLE     = aws_dynamodb_table.recordings.name
    RECORDING_AWS_QUEUE     = aws_sqs_queue.jobs.name
    RECORDING_AWS_BOOTSTRAP = "false"
  }, length(var.allowed_origins) > 0 ? { RECORDING_CORS_ORIGINS = join(",", var.allowed_origins) } : {})
}

data "aws_iam_policy_document" "api" {
  statement {
    sid = "RecordingObjects"
    # Presigned PUT/GET and multipart URLs carry the role's authority: PutObject, GetObject,
    # UploadPart (PutObject) and the multipart calls; HEAD is GetObject; DELETE removes.
    actions = [
      "s3:PutObject",
      "s3:GetObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = [local.objects_arn]
  }

  statement {
    sid       = "RecordingUploadsInProgress"
    actions   = ["s3:ListBucketMultipartUploads"]
    resources = [aws_s3_bucket.recordings.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["recordings/*"]
    }
  }

  statement {
    sid = "RecordingMetadata"
    # UpdateItem: share links are revoked and their views counted in place (the puts of a new link
    # go in one TransactWriteItems, which PutItem covers).
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"]
    resources = local.table_arns
  }

  statement {
    sid       = "QueueProcessing"
    actions   = ["sqs:GetQueueUrl", "sqs:SendMessage"]
    resources = local.queue_arns
  }
}

data "aws_iam_policy_document" "worker" {
  statement {
    sid       = "RecordingObjects"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]
    resources = [local.objects_arn]
  }

  statement {
    sid = "RecordingMetadata"
    # UpdateItem: an event's pending mark is removed once its publish job is sent (a change and its
    # event go in one TransactWriteItems, which PutItem and DeleteItem cover).
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"]
    resources = local.table_arns
  }

  statement {
    sid = "RunJobs"
    actions = [
      "sqs:GetQueueUrl",
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
    ]
    resources = local.queue_arns
  }
}
