using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Aws.Lambda;

/// <summary>
/// Source-generated JSON for every Lambda wire type (the engine is compiled Native AOT). Property names are the
/// API's member names. Null members are left out of what is written, so a request carries only what was set,
/// while empty values (<c>{}</c>, <c>[]</c>, <c>""</c>) are written: that is how the API is told to clear a setting.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventSourceMappingConfiguration))]
[JsonSerializable(typeof(ListEventSourceMappingsRequest))]
[JsonSerializable(typeof(ListEventSourceMappingsResponse))]
[JsonSerializable(typeof(GetEventSourceMappingRequest))]
[JsonSerializable(typeof(GetEventSourceMappingResponse))]
[JsonSerializable(typeof(CreateEventSourceMappingRequest))]
[JsonSerializable(typeof(CreateEventSourceMappingResponse))]
[JsonSerializable(typeof(UpdateEventSourceMappingRequest))]
[JsonSerializable(typeof(UpdateEventSourceMappingResponse))]
[JsonSerializable(typeof(DeleteEventSourceMappingRequest))]
[JsonSerializable(typeof(DeleteEventSourceMappingResponse))]
[JsonSerializable(typeof(TagResourceRequest))]
[JsonSerializable(typeof(UntagResourceRequest))]
[JsonSerializable(typeof(ListTagsRequest))]
[JsonSerializable(typeof(ListTagsResponse))]
[JsonSerializable(typeof(GetFunctionRequest))]
[JsonSerializable(typeof(GetFunctionResponse))]
[JsonSerializable(typeof(GetAliasRequest))]
[JsonSerializable(typeof(GetAliasResponse))]
[JsonSerializable(typeof(ListAliasesResponse))]
[JsonSerializable(typeof(ListVersionsByFunctionResponse))]
[JsonSerializable(typeof(GetPolicyRequest))]
[JsonSerializable(typeof(GetPolicyResponse))]
[JsonSerializable(typeof(AddPermissionRequest))]
[JsonSerializable(typeof(AddPermissionResponse))]
[JsonSerializable(typeof(RemovePermissionRequest))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
