using System.Text.Json;
using Understudy.Core.Datasets;
using Understudy.Core.Runs;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Duo;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Duo;

/// <summary>
/// A student that "learns" by counting: training writes the number of rows seen (plus those of the model it
/// continues from) into the model folder, and the student answers <c>student knows N</c>, which the scripted
/// judge scores higher as N grows. Every call passes a checkpoint so tests can kill the run at any point.
/// </summary>
internal sealed class FakeStudent(IDatasetStore store, DuoCheckpoints checkpoints) : IStudentTrainer, IModelClientResolver
{
    public List<StudentTrainingRequest> Trainings { get; } = [];

    public int Answers;

    public string ConfigHash { get; set; } = "trainer-v1";

    /// <summary>Runs inside each training, before it reads its rows (e.g. blocks until cancelled, as a long fine-tune would).</summary>
    public Func<StudentTrainingRequest, CancellationToken, Task> DuringTraining { get; set; } = (_, _) => Task.CompletedTask;

    public async Task<StudentTrainingResult> TrainAsync(StudentTrainingRequest request, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        checkpoints.Pass("train");
        await DuringTraining(request, cancellationToken);
        int rows = 0;
        await foreach (CoverageRow _ in store.ReadAsync<CoverageRow>(request.TrainDatasetId, request.TrainSplit, cancellationToken))
        {
            rows++;
        }
        int known = rows + (request.IsContinuation ? Knowledge(request.StartFrom) / 2 : 0);
        string modelDir = Path.Combine(request.OutputDir, "model");
        Directory.CreateDirectory(modelDir);
        await File.WriteAllTextAsync(Path.Combine(modelDir, "student.json"), JsonSerializer.Serialize(new { known }), cancellationToken);
        lock (Trainings)
        {
            Trainings.Add(request);
        }
        return new StudentTrainingResult(modelDir, [(1, 2.0), (2, 1.5)], [(2, 1.7)], rows * 10, 2, rows, TimeSpan.FromSeconds(1));
    }

    public bool CanResolve(BatchInferenceConfig config) => true;

    public Task<ModelClient> ResolveAsync(BatchInferenceConfig config, CancellationToken cancellationToken = default)
    {
        int known = Knowledge(config.FtModelId);
        var client = ChatClients.From(_ =>
        {
            checkpoints.Pass("answer");
            Interlocked.Increment(ref Answers);
            return $"student knows {known}";
        });
        return Task.FromResult(new ModelClient(client, "student", $"known-{known}"));
    }

    private static int Knowledge(string modelDir) =>
        File.Exists(Path.Combine(modelDir, "student.json"))
            ? JsonDocument.Parse(File.ReadAllText(Path.Combine(modelDir, "student.json"))).RootElement.GetProperty("known").GetInt32()
            : 0;
}
