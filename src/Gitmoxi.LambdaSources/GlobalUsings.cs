// The namespaces most of the engine uses, imported once instead of atop nearly every file.
global using System.Globalization;
global using System.Text;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using System.Text.Json.Serialization;
global using Gitmoxi.LambdaSources.Applying;
global using Gitmoxi.LambdaSources.Aws;
global using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
global using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
global using Gitmoxi.LambdaSources.Aws.Lambda;
global using Gitmoxi.LambdaSources.Aws.S3;
global using Gitmoxi.LambdaSources.Definitions;
global using Gitmoxi.LambdaSources.Diagnostics;
global using Gitmoxi.LambdaSources.Planning;
global using Gitmoxi.LambdaSources.Providers.Permission;
global using Gitmoxi.LambdaSources.Retrying;
global using Microsoft.Extensions.Logging;
