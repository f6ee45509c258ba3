#!/usr/bin/env python3
"""Checks that deploy/sam/template.yaml says what deploy/terraform says, where a drift would be a hole:
the routes, their throttles, the function's reserved concurrency, the bucket's TLS-only policy, and
the worker's role (the keys it may write, which must cover the derived objects of ObjectKey, and the
one queue it may use). Prints one line "deploy check: passed|failed NAME" per check, exits 1 on a
failure. Terraform is read as text (no provider can be installed here to evaluate it)."""
import pathlib
import re
import sys

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
tf = {p.name: p.read_text() for p in (root / "deploy/terraform").glob("*.tf")}
object_key = (root / "recording-core/src/main/java/io/chatvideo/recording/core/domain/ObjectKey.java").read_text()


class CfnLoader(yaml.SafeLoader):
    """Reads !Ref, !Sub, !GetAtt … as (tag, value) pairs."""


CfnLoader.add_multi_constructor("!", lambda loader, suffix, node: (
    suffix,
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode)
    else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
    else loader.construct_mapping(node)))
sam = yaml.load((root / "deploy/sam/template.yaml").read_text(), Loader=CfnLoader)
resources = sam["Resources"]

failures = 0


def check(name, sam_value, tf_value):
    global failures
    if sam_value == tf_value:
        print(f"deploy check: passed {name}")
    else:
        failures += 1
        print(f"deploy check: failed {name}: SAM {sam_value!r}, Terraform {tf_value!r}")


def tf_block(text, start):
    """The text of the block that opens at the first '{' after start, braces balanced."""
    i = text.index("{", text.index(start))
    depth = 0
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i:j + 1]
    raise ValueError(start)


def throttle(text):
    rate = re.search(r"rate\s*=\s*(\d+)", text).group(1)
    burst = re.search(r"burst\s*=\s*(\d+)", text).group(1)
    return int(rate), int(burst)


# Routes.
tf_routes = set(re.findall(r'"((?:GET|POST|PUT|DELETE|PATCH) /[^"]*)"', re.search(r"routes = \[(.*?)\]", tf["api.tf"], re.S).group(1)))
sam_routes = {f'{e["Properties"]["Method"]} {e["Properties"]["Path"]}'
              for e in resources["ApiFunction"]["Properties"]["Events"].values() if e["Type"] == "HttpApi"}
check("the same API routes", sorted(sam_routes), sorted(tf_routes))

# Throttles: the stage's default and each public route's own.
variables = tf["variables.tf"]
api = resources["Api"]["Properties"]
default = api["DefaultRouteSettings"]
check("the stage's throttle (rate, burst)", (default["ThrottlingRateLimit"], default["ThrottlingBurstLimit"]),
      throttle(tf_block(variables, 'variable "api_throttle"').split("default", 1)[1]))
tf_public = {key: throttle(value) for key, value in
             re.findall(r'"([A-Z]+ /[^"]*)"\s*=\s*(\{[^}]*\})', tf_block(variables, 'variable "public_route_throttles"'))}
sam_public = {key: (value["ThrottlingRateLimit"], value["ThrottlingBurstLimit"]) for key, value in api["RouteSettings"].items()}
check("the public routes' throttles (rate, burst)", sam_public, tf_public)
check("every throttled public route is a route", sorted(set(sam_public) - sam_routes), [])

# The function's reserved concurrency.
check("the function's reserved concurrency",
      ("ReservedConcurrency", sam["Parameters"]["ReservedConcurrency"]["Default"]),
      ("ReservedConcurrency", int(re.search(r"default\s*=\s*(\d+)",
                                            tf_block(variables, 'variable "lambda_reserved_concurrency"')).group(1))))
check("the function uses its reserved concurrency",
      resources["ApiFunction"]["Properties"].get("ReservedConcurrentExecutions"), ("Ref", "ReservedConcurrency"))
check("Terraform's function uses its reserved concurrency", True,
      "reserved_concurrent_executions = var.lambda_reserved_concurrency" in tf["lambda.tf"])

# The bucket refuses plain http.
statements = resources["RecordingsBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
sam_tls = sorted((s["Effect"], s["Action"], next(iter(s["Condition"])), next(iter(next(iter(s["Condition"].values()))))) for s in statements)
tf_policy = tf_block(tf["storage.tf"], 'data "aws_iam_policy_document" "bucket_tls_only"')
tf_tls = sorted(("Deny", "s3:*", test, variable) for test, variable in
                re.findall(r'Deny\w+\s*=\s*\["(\w+)",\s*"([\w:]+)"', tf_policy))
check("Terraform's TLS-only statements deny s3:*", True, 'effect    = "Deny"' in tf_policy and '["s3:*"]' in tf_policy)
check("the bucket's TLS-only policy", sam_tls, tf_tls)
check("the TLS-only policy denies aws:SecureTransport false", ("Bool", "aws:SecureTransport") in [(t, v) for _, _, t, v in sam_tls], True)
check("Terraform attaches the TLS-only policy", True,
      "policy = data.aws_iam_policy_document.bucket_tls_only.json" in tf["storage.tf"])

# The worker's role: the keys it may write, and the one queue.
worker = resources["WorkerRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
by_sid = {s["Sid"]: s for s in worker}
sam_suffixes = sorted(r[1].rsplit("recordings/*", 1)[1] for r in by_sid["WriteProcessedObjects"]["Resource"])
tf_suffixes = sorted(re.findall(r'"(-[^"]+)"', re.search(r"for suffix in \[([^\]]*)\]", tf["iam.tf"]).group(1)))
check("the worker's writable keys", sam_suffixes, tf_suffixes)
derived = sorted(re.findall(r'private static final String \w+ = "(-[\w.]+)";', object_key))
missing = [suffix for suffix in derived if not any(key.startswith(suffix) for key in tf_suffixes)]
check("the worker may write every derived object ObjectKey names", missing, [])
check("the worker's queue", by_sid["RunJobs"]["Resource"], ("GetAtt", "JobsQueue.Arn"))
check("Terraform's worker queue", True,
      bool(re.search(r'sid\s*=\s*"RunJobs"[^}]*resources\s*=\s*\[aws_sqs_queue\.jobs\.arn\]', tf["iam.tf"], re.S)))

sys.exit(1 if failures else 0)
