#!/usr/bin/env bash
# Peer baseline (issue 7 §4a): the per-function reads a workflow author would write with the AWS CLI, one command
# after another: the function and alias, its mappings and their tags, its resource policy, and its push source
# (target group and its health, or route, integration and stages). Same reads as boto3_reads.py.
#
#   bench/baselines/aws-cli-reads.sh http://127.0.0.1:PORT /tmp/bench-100/bench-seeded.json
#
# Isolated from any AWS configuration on the machine; the CLI's default retry behaviour is kept.
set -euo pipefail

endpoint=$1
seeded=$2

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
aws_() { aws --endpoint-url "$endpoint" --output json "$@"; }

jq -r '.functions[] | [.name, .alias, .push, (.targetGroupArn // "-"), (.apiId // "-"), (.routeId // "-")] | @tsv' "$seeded" |
while IFS=$'\t' read -r name alias push target_group api_id route_id; do
    aws_ lambda get-function --function-name "$name" --qualifier "$alias" > /dev/null
    for mapping in $(aws_ lambda list-event-source-mappings --function-name "$name:$alias" \
            --query 'EventSourceMappings[].EventSourceMappingArn' --output text); do
        aws_ lambda list-tags --resource "$mapping" > /dev/null
    done
    aws_ lambda get-policy --function-name "$name" --qualifier "$alias" > /dev/null 2>&1 || true   # none yet: all-change
    if [[ $push == elb ]]; then
        aws_ elbv2 describe-target-groups --target-group-arns "$target_group" > /dev/null
        aws_ elbv2 describe-target-health --target-group-arn "$target_group" > /dev/null
    else
        target=$(aws_ apigatewayv2 get-route --api-id "$api_id" --route-id "$route_id" --query 'Target' --output text)
        if [[ $target == integrations/* ]]; then
            aws_ apigatewayv2 get-integration --api-id "$api_id" --integration-id "${target#integrations/}" > /dev/null
        fi
        aws_ apigatewayv2 get-stages --api-id "$api_id" > /dev/null
    fi
done
