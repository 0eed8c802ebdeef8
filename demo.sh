#!/usr/bin/env bash
# The Action end to end on this machine, with no GitHub and no AWS account:
#   1. starts the AWS emulator (moto behind tests/Gitmoxi.TestSupport/emulator) on a loopback port,
#   2. creates the resources examples/ refers to (examples/demo-world.json),
#   3. runs the Action: plan, apply (shows what it wired: the S3 notification, and with the AWS CLI the schedule, SNS,
#      an EventBridge rule, CloudWatch Logs, a REST API), then plan again (nothing left to change),
#   4. stops everything it started.
# Needs the .NET SDK and `pip install "moto[server]"`. Builds the Action and runs it with dotnet; set
# GITMOXI_ACTION_BINARY=artifacts/action/Gitmoxi.Action to run the AOT binary build/publish-action.sh makes.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { printf 'demo: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null || fail "the .NET SDK is not on PATH (https://dot.net)"
python="$(command -v python3 || command -v python || true)"
[ -n "$python" ] || fail "python3 is not on PATH"
"$python" -c "import moto.server" 2>/dev/null || fail "moto is not installed: pip install \"moto[server]\""

work="$(mktemp -d "${TMPDIR:-/tmp}/gitmoxi-demo.XXXXXX")"
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "Building the Action"
if [ -n "${GITMOXI_ACTION_BINARY:-}" ]; then
  action=("$GITMOXI_ACTION_BINARY")
else
  dotnet build "$root/src/Gitmoxi.Action/Gitmoxi.Action.csproj" -c Release -o "$work/bin" -v quiet -nologo -clp:ErrorsOnly >/dev/null \
    || dotnet build "$root/src/Gitmoxi.Action/Gitmoxi.Action.csproj" -c Release -o "$work/bin" -nologo -clp:ErrorsOnly
  action=(dotnet "$work/bin/Gitmoxi.Action.dll")
fi
echo "running: ${action[*]}"

step "Starting the AWS emulator on loopback"
"$python" "$root/tests/Gitmoxi.TestSupport/emulator/gitmoxi_emulator.py" --port 0 --warm lambda,sts >"$work/emulator.log" 2>&1 &
emulator_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(sed -n 's/^GITMOXI_EMULATOR_READY port=\([0-9]*\).*/\1/p' "$work/emulator.log")"
  [ -n "$port" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; fail "the emulator exited"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/emulator.log" >&2; fail "the emulator did not start within 30 s"; }
endpoint="http://127.0.0.1:$port"
echo "emulator at $endpoint"

step "Creating the example's AWS resources"
# The workspace is a copy of examples/: values the emulator generates go into the copied *_lambdainput.json files.
mkdir -p "$work/workspace"
cp -R "$root/examples" "$work/workspace/examples"
"$python" "$root/build/seed_examples.py" "$endpoint" "$root/examples/demo-world.json" "$work/workspace/examples"

# A local run: no GITHUB_* variables, so the summary and outputs are printed. The emulator takes any signature.
run_action() {
  (cd "$work/workspace" && env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY -u GITHUB_OUTPUT -u GITHUB_WORKSPACE \
    AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
    "${action[@]}" --path examples/repository "$@")
}

step "Plan (what a pull request shows)"
run_action --mode plan
step "Apply (what a push to main does)"
run_action --mode apply
step "S3: the uploads bucket now notifies the uploads function (GetBucketNotificationConfiguration)"
"$python" - "$endpoint" <<'PY' || fail "the bucket orders-uploads has no gitmoxi notification configuration"
import sys, urllib.request
# The emulator takes any signature; the credential scope names the service.
request = urllib.request.Request(sys.argv[1] + "/orders-uploads?notification", headers={
    "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0"})
body = urllib.request.urlopen(request, timeout=30).read().decode()
print(body)
sys.exit(0 if "<Id>gitmoxi-" in body and "function:uploads:live" in body else 1)
PY

step "What apply wired, seen with the AWS CLI: the schedule, SNS, the EventBridge rule, CloudWatch Logs, the REST API"
if command -v aws >/dev/null; then
  awscli() {
    AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
      aws --endpoint-url "$endpoint" "$@"
  }
  # The generated ids (topic ARN, REST API and resource ids) are those seed_examples.py wrote into the workspace.
  seeded() { "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/workspace/examples/repository/$1" "$2"; }
  awscli scheduler get-schedule --name web-keep-warm --output json \
    --query '{Name: Name, ScheduleExpression: ScheduleExpression, TargetArn: Target.Arn, RoleArn: Target.RoleArn, Description: Description}' \
    || fail "the schedule web-keep-warm was not created"
  line() { local text; text="$(awscli "${@:2}" --output text)" && [ -n "$text" ] && [ "$text" != None ] || fail "$1 is not wired"; echo "$1: ${text//$'\t'/ }"; }
  line "SNS order-events subscription" sns list-subscriptions-by-topic --topic-arn "$(seeded notify/notify_lambdainput.json order_events_topic_arn)" \
    --query 'Subscriptions[0].[Protocol, Endpoint]'
  line "EventBridge rule orders/order-shipped target" events list-targets-by-rule --rule order-shipped --event-bus-name orders \
    --query 'Targets[0].[Id, Arn, InputPath]'
  line "CloudWatch Logs /app/orders subscription filter" logs describe-subscription-filters --log-group-name /app/orders \
    --query 'subscriptionFilters[0].[filterName, destinationArn]'
  line "REST API web-v1 GET /status integration" apigateway get-integration --rest-api-id "$(seeded web/web_lambdainput.json rest_api_id)" \
    --resource-id "$(seeded web/web_lambdainput.json status_resource_id)" --http-method GET --query '[type, uri]'
else
  echo "(the AWS CLI is not on PATH: pip install awscli to see what apply wired here)"
fi
step "Plan again: AWS now matches the files"
run_action --mode plan | tee "$work/replan.txt"
grep -qx 'output has-changes=false' "$work/replan.txt" || fail "the second plan still has changes: apply did not converge"

step "Done: the emulator is stopped and $work removed"
