using System.Net;
using System.Text.Json;
using Understudy.Llm.Errors;

namespace Understudy.Llm.Tests.Errors;

public class ServiceFailureClassifierTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Classify_retries_429_408_and_5xx_only(HttpStatusCode status, bool transient)
    {
        var failure = ServiceFailureClassifier.Classify(new HttpRequestException("x", null, status));
        Assert.NotNull(failure);
        Assert.Equal((int)status, failure.StatusCode);
        Assert.Equal(transient, failure.IsTransient);
    }

    [Fact]
    public void Classify_treats_timeouts_connection_errors_and_malformed_json_as_transient()
    {
        Assert.True(ServiceFailureClassifier.Classify(new TimeoutException())!.IsTransient);
        Assert.True(ServiceFailureClassifier.Classify(new HttpRequestException("connection refused"))!.IsTransient);
        Assert.True(ServiceFailureClassifier.Classify(new JsonException("bad"))!.IsTransient);
    }

    [Fact]
    public void Classify_finds_a_service_failure_wrapped_in_another_exception()
    {
        var wrapped = new InvalidOperationException("outer", new TimeoutException("inner"));
        Assert.True(ServiceFailureClassifier.Classify(wrapped)!.IsTransient);
    }

    [Fact]
    public void Classify_keeps_the_status_and_Retry_After_of_a_ServiceLlmException()
    {
        var failure = ServiceFailureClassifier.Classify(new ServiceLlmException("x", 429, TimeSpan.FromSeconds(3), isTransient: true));
        Assert.Equal(429, failure!.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
    }

    [Fact]
    public void Classify_returns_null_for_exceptions_that_are_not_service_failures()
    {
        Assert.Null(ServiceFailureClassifier.Classify(new ArgumentException("bug")));
        Assert.Null(ServiceFailureClassifier.Classify(new OperationCanceledException()));
    }
}
