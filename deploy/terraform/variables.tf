variable "region" {
  description = "AWS region of every resource, e.g. eu-west-1."
  type        = string
}

variable "name" {
  description = "Prefix of every name: function, API, table, queue (and QUEUE-dead), cluster, roles."
  type        = string
  default     = "recordings"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,40}$", var.name))
    error_message = "name: 1 to 40 of A-Z a-z 0-9 _ - (it prefixes SQS and IAM names, which allow no more)."
  }
}

variable "bucket" {
  description = "S3 bucket of the recordings (globally unique)."
  type        = string
}

variable "retention_days" {
  description = "Days a recording lives (RECORDING_RETENTION); S3 expires objects under recordings/ one day later."
  type        = number
  default     = 30

  validation {
    condition     = var.retention_days >= 1 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days: a whole number of days, at least 1."
  }
}

variable "jwt_issuer" {
  description = "Required iss of the tokens, e.g. https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc."
  type        = string
}

variable "jwt_audience" {
  description = "Required aud of the tokens (a Cognito app client id for ID tokens)."
  type        = string
}

variable "jwks_url" {
  description = "The identity provider's JWKS (https), e.g. the issuer followed by /.well-known/jwks.json."
  type        = string
}

variable "allowed_origins" {
  description = "Browser origins of the web client (https://host[:port], no wildcard): API CORS and bucket CORS."
  type        = list(string)
  default     = []
}

variable "lambda_jar" {
  description = "Path of the function's package, adapter-lambda/target/recordings-lambda.jar."
  type        = string
  default     = "../../adapter-lambda/target/recordings-lambda.jar"
}

variable "lambda_memory_mb" {
  description = "Function memory; CPU grows with it (1769 MB is one full vCPU)."
  type        = number
  default     = 1024
}

variable "worker_image" {
  description = "Image of the worker tier, built from deploy/docker/worker.Dockerfile and pushed to ECR."
  type        = string
}

variable "worker_cpu" {
  description = "Fargate CPU units of one worker task (1024 = 1 vCPU); ffmpeg's MP4 transcode is the load."
  type        = number
  default     = 1024
}

variable "worker_memory_mb" {
  description = "Fargate memory of one worker task."
  type        = number
  default     = 2048
}

variable "worker_min" {
  description = "Worker tasks when the queue is empty (0: none run, the first job waits for a task to start)."
  type        = number
  default     = 0
}

variable "worker_max" {
  description = "Most worker tasks at once."
  type        = number
  default     = 4
}

variable "vpc_id" {
  description = "VPC of the worker tasks."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the worker tasks; they need a way to S3, DynamoDB, SQS and ECR (NAT, or public IPs)."
  type        = list(string)
}

variable "worker_public_ip" {
  description = "Give worker tasks a public IP (public subnets without NAT)."
  type        = bool
  default     = false
}

variable "lambda_reserved_concurrency" {
  description = "Executions reserved for the function, and its ceiling: a flood of requests cannot take the account's whole concurrency, nor scale the function (and the table's and bucket's bills) without bound."
  type        = number
  default     = 100

  validation {
    condition     = var.lambda_reserved_concurrency >= 1 && floor(var.lambda_reserved_concurrency) == var.lambda_reserved_concurrency
    error_message = "lambda_reserved_concurrency: a whole number, at least 1 (0 would stop the function)."
  }
}

variable "api_throttle" {
  description = "Every route of the API not named in public_route_throttles: requests per second, and the burst above it."
  type        = object({ rate = number, burst = number })
  default     = { rate = 100, burst = 200 }
}

variable "public_route_throttles" {
  description = "The routes that answer without a token, each with its own bucket so that nobody can spend the API's: the watch page, its passcode form (a guess each), its media, the health check."
  type        = map(object({ rate = number, burst = number }))
  default = {
    "GET /s/{token}"  = { rate = 20, burst = 40 }
    "POST /s/{token}" = { rate = 5, burst = 10 }
    # A player asks for its media many times (range requests, each answered with a redirect).
    "GET /s/{token}/media/{media}" = { rate = 50, burst = 100 }
    "GET /health"                  = { rate = 5, burst = 10 }
  }
}

variable "public_url" {
  description = "The API's URL as its users reach it (RECORDING_PUBLIC_URL: share links are made on it; a request's Host is never believed). Empty: the HTTP API's own execute-api URL."
  type        = string
  default     = ""
  validation {
    condition     = var.public_url == "" || can(regex("^https://[^/?#]+$", var.public_url))
    error_message = "public_url must be https://host[:port] with no path, or empty."
  }
}
