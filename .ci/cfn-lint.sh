#!/usr/bin/env bash
# Usage: .ci/cfn-lint.sh TEMPLATE
# Lints one template with cfn-lint (pinned) in two passes; fails on any error or warning
# (cfn-lint's informational checks are off by default and never fail it):
#   1. the SAM template as written: cfn-lint checks AWS::Serverless::* resources against SAM's
#      schemas (since cfn-lint 1.54.0 it no longer runs the SAM transform itself);
#   2. the CloudFormation that AWS's SAM translator (pinned) generates from it, so the roles,
#      permissions, event source mappings, alias, API stage and deployment are checked too.
# Tools live in a virtualenv under target/ (ignored by git), reused while the pins match.
set -euo pipefail
cd "$(dirname "$0")/.."

CFN_LINT_VERSION=1.58.0
SAM_TRANSLATOR_VERSION=1.115.0
venv=target/ci-venv
[ $# -eq 1 ] || { echo "usage: .ci/cfn-lint.sh TEMPLATE" >&2; exit 2; }
template=$1
if [ ! -f "$template" ]; then
  echo "cfn-lint: $template is missing: the step that makes it did not write it there" >&2
  exit 1
fi
generated=target/$(basename "${template%.*}").cfn.json

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3 python3-venv python3-pip
fi

mkdir -p target
pins="cfn-lint==$CFN_LINT_VERSION aws-sam-translator==$SAM_TRANSLATOR_VERSION"
if [ "$(cat "$venv/.pins" 2>/dev/null)" != "$pins" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086 # $pins is a list of requirements
  "$venv/bin/pip" install --quiet --disable-pip-version-check $pins
  echo "$pins" >"$venv/.pins"
fi

echo "cfn-lint: $("$venv/bin/cfn-lint" --version), aws-sam-translator $SAM_TRANSLATOR_VERSION"
"$venv/bin/cfn-lint" --non-zero-exit-code warning -- "$template"

# The translator needs an S3 location for code, so the jar path becomes a placeholder. It gets
# no managed-policy map: the template's policies are inline statements, by design.
"$venv/bin/python" - "$template" "$generated" <<'PY'
import json, logging, os, sys

from cfnlint.decode import decode
from samtranslator.parser.parser import Parser
from samtranslator.public.exceptions import InvalidDocumentException
from samtranslator.translator.translator import Translator

logging.getLogger("samtranslator").setLevel(logging.ERROR)  # feature-toggle chatter
source, target = sys.argv[1], sys.argv[2]
template, problems = decode(source)
if problems:
    sys.exit(f"{source}: cannot parse: {problems}")
template = json.loads(json.dumps(template))  # plain dicts and lists
placeholder = "s3://placeholder-bucket/idem-functions.jar"
template.get("Globals", {}).get("Function", {}).pop("CodeUri", None)
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::Function":
        resource["Properties"]["CodeUri"] = placeholder
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
try:
    generated = Translator(managed_policy_map={}, sam_parser=Parser()).translate(
        sam_template=template, parameter_values={}
    )
except InvalidDocumentException as e:
    sys.exit("\n".join(f"{source}: SAM transform: {cause.message}" for cause in e.causes))
with open(target, "w") as out:
    json.dump(generated, out, indent=1)
print(f"{source}: SAM transform -> {target} ({len(generated['Resources'])} resources)")
PY
"$venv/bin/cfn-lint" --non-zero-exit-code warning -- "$generated"
echo "cfn-lint: $template and its generated CloudFormation are clean"
