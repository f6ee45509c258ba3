# Least privilege: the function and the workers reach the one bucket prefix, the one table and
# its indexes, and the one queue pair, with the actions adapter-aws calls on each path.
locals {
  objects_arn = "${aws_s3_bucket.recordings.arn}/recordings/*"
  table_arns  = [aws_dynamodb_table.recordings.arn, "${aws_dynamodb_table.recordings.arn}/index/*"]
  queue_arns  = [aws_sqs_queue.jobs.arn, aws_sqs_queue.dead.arn]
  processed_object_arns = [
    for suffix in ["-recording.*", "-rendition.mp4", "-thumbnail.jpg", "-storyboard.jpg", "-storyboard.vtt"] : "${aws_s3_bucket.recordings.arn}/recordings/*${suffix}"
  ]

  # The application's settings, the same keys as the server jar's (adapter-http/README.md).
  recording_environment = merge({
    RECORDING_BACKEND       = "aws"
    RECORDING_RETENTION     = "${var.retention_days}d"
    RECORDING_AWS_REGION    = var.region
    RECORDING_AWS_BUCKET    = aws_s3_bucket.recordings.bucket
    RECORDING_AWS_TABLE     = aws_dynamodb_table.recordings.name
    RECORDING_AWS_QUEUE     = aws_sqs_queue.jobs.name
    RECORDING_AWS_BOOTSTRAP = "false"
    # Said, not guessed: the function has no ffmpeg, so unset it would call transcripts off
    # while the workers make them.
    RECORDING_TRANSCRIPTS_ENGINE = "embedded"
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

# The worker runs ffmpeg on uploads it cannot trust, so its role is what a job needs and no more:
# read any recording (the subject of a job), write and remove only the keys processing writes (the
# original it replaces with a seekable remux, and the derived objects of ObjectKey: -rendition.mp4,
# -thumbnail.jpg, -storyboard.jpg, -storyboard.vtt), no listing, no multipart, and the jobs queue only (SQS moves dead jobs itself).
# A new kind of derived object needs its suffix here and in the SAM template.
data "aws_iam_policy_document" "worker" {
  statement {
    sid       = "ReadRecordings"
    actions   = ["s3:GetObject"]
    resources = [local.objects_arn]
  }

  statement {
    sid       = "WriteProcessedObjects"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = local.processed_object_arns
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
    resources = [aws_sqs_queue.jobs.arn]
  }
}
