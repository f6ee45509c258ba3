# The bucket as adapter-aws's BucketSetup (recordings admin init) makes it, with the same rule ids,
# so running admin init against it later changes nothing.
resource "aws_s3_bucket" "recordings" {
  bucket = var.bucket
}

resource "aws_s3_bucket_public_access_block" "recordings" {
  bucket                  = aws_s3_bucket.recordings.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "recordings" {
  bucket = aws_s3_bucket.recordings.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-S3: presigned PUTs and GETs need no KMS permission of the uploader or viewer.
resource "aws_s3_bucket_server_side_encryption_configuration" "recordings" {
  bucket = aws_s3_bucket.recordings.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "recordings" {
  bucket = aws_s3_bucket.recordings.id

  rule {
    id     = "call-recordings-expire-recordings"
    status = "Enabled"
    filter {
      prefix = "recordings/"
    }
    expiration {
      days = var.retention_days + 1
    }
  }

  rule {
    id     = "call-recordings-abort-incomplete-uploads"
    status = "Enabled"
    filter {
      prefix = "recordings/"
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_cors_configuration" "recordings" {
  count  = length(var.allowed_origins) > 0 ? 1 : 0
  bucket = aws_s3_bucket.recordings.id

  cors_rule {
    id              = "call-recordings-web-client"
    allowed_origins = var.allowed_origins
    allowed_methods = ["PUT", "GET"]
    allowed_headers = ["content-type", "if-none-match"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3600
  }
}

# Nothing reaches the recordings without TLS, whoever signed the request: plain-http requests and
# TLS older than 1.2 are denied, presigned URLs included (the SDK presigns https).
data "aws_iam_policy_document" "bucket_tls_only" {
  # Two statements, as either condition alone must deny: sid = [test, variable, value].
  dynamic "statement" {
    for_each = {
      DenyWithoutTls = ["Bool", "aws:SecureTransport", "false"]
      DenyOldTls     = ["NumericLessThan", "s3:TlsVersion", "1.2"]
    }
    content {
      sid       = statement.key
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = [aws_s3_bucket.recordings.arn, "${aws_s3_bucket.recordings.arn}/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = statement.value[0]
        variable = statement.value[1]
        values   = [statement.value[2]]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "recordings" {
  bucket = aws_s3_bucket.recordings.id
  policy = data.aws_iam_policy_document.bucket_tls_only.json

  # A bucket policy written before the public access block could be refused as public.
  depends_on = [aws_s3_bucket_public_access_block.recordings]
}
