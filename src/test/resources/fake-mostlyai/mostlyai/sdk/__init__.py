"""Fake MOSTLY AI SDK (tests only): MostlyAI(local=True) with the real train/generate signatures and the config keys of
mostlyai.sdk.domain (unknown keys are rejected, as the SDK's pydantic models do). Training learns nothing: generation
resamples the training rows with the random state, so the output is deterministic. Jobs end at once."""
import uuid
from types import SimpleNamespace

import fake_control

__version__ = "5.10.1-fake"

GENERATOR_KEYS = {"name", "description", "random_state", "tables", "constraints"}
SOURCE_TABLE_KEYS = {"name", "source_connector_id", "location", "data", "tabular_model_configuration",
                     "language_model_configuration", "primary_key", "foreign_keys", "columns"}
MODEL_KEYS = {"model", "max_sample_size", "batch_size", "gradient_accumulation_steps", "max_training_time",
              "max_epochs", "max_sequence_window", "enable_flexible_generation", "value_protection",
              "rare_category_replacement_method", "differential_privacy", "compute", "enable_model_report"}
DATASET_KEYS = {"generator_id", "name", "description", "random_state", "tables", "delivery", "compute"}
DATASET_TABLE_KEYS = {"name", "configuration"}
TABLE_CONFIGURATION_KEYS = {"sample_size", "sample_seed_connector_id", "sample_seed_dict", "sample_seed_data",
                            "sampling_temperature", "sampling_top_p", "rebalancing", "imputation", "fairness",
                            "enable_data_report"}


def check_keys(what, given, known):
    unknown = set(given) - known
    if unknown:
        raise ValueError(f"{what}: unknown fields {sorted(unknown)}")


def job(status, step_code, error_message=None):
    step = SimpleNamespace(step_code=step_code, status=status, error_message=error_message,
                           progress=SimpleNamespace(value=1, max=1))
    return SimpleNamespace(status=status, progress=SimpleNamespace(value=1, max=1), steps=[step])


class Generator:
    def __init__(self, data, random_state, status, job):
        self.id = str(uuid.UUID(int=random_state or 0))
        self.data = data
        self.training_status = "NEW"
        self._status = status
        self._job = job
        self.training = SimpleNamespace(progress=lambda: self._job)

    def reload(self):
        self.training_status = self._status


class SyntheticDataset:
    def __init__(self, data):
        self._data = data
        self.generation_status = "NEW"
        self.generation = SimpleNamespace(progress=lambda: job("DONE", "GENERATE_DATA"))

    def reload(self):
        self.generation_status = "DONE"

    def data(self, return_type="auto"):
        return self._data


class MostlyAI:
    def __init__(self, base_url=None, api_key=None, bearer_token=None, local=None, local_dir=None, local_port=None,
                 timeout=60.0, ssl_verify=True, test_connection=True, quiet=False):
        fake_control.record("MostlyAI", local=local, local_dir=local_dir, quiet=quiet)
        if local is not True:
            raise ValueError("the fake SDK knows local mode only")

    def train(self, config=None, data=None, name=None, start=True, wait=True, progress_bar=True):
        check_keys("GeneratorConfig", config, GENERATOR_KEYS)
        (table,) = config["tables"]
        check_keys("SourceTableConfig", table, SOURCE_TABLE_KEYS)
        check_keys("ModelConfiguration", table.get("tabular_model_configuration", {}), MODEL_KEYS)
        df = table["data"]
        recorded = {k: v for k, v in table.items() if k != "data"}
        fake_control.record("train", random_state=config.get("random_state"), table=recorded,
                            columns=list(df.columns), rows=len(df), start=start, wait=wait)
        fake_control.misbehave_in_training()
        if fake_control.mode() == "fail-job":
            return Generator(df, config.get("random_state"), "FAILED",
                             job("FAILED", "TRAIN_MODEL", fake_control.JOB_FAILURE))
        return Generator(df, config.get("random_state"), "DONE", job("DONE", "TRAIN_MODEL"))

    def generate(self, generator, config=None, size=None, seed=None, name=None, start=True, wait=True,
                 progress_bar=True):
        check_keys("SyntheticDatasetConfig", config, DATASET_KEYS)
        (table,) = config["tables"]
        check_keys("SyntheticTableConfig", table, DATASET_TABLE_KEYS)
        check_keys("SyntheticTableConfiguration", table["configuration"], TABLE_CONFIGURATION_KEYS)
        fake_control.record("generate", generator_id=generator.id, random_state=config.get("random_state"),
                            table=table, size=size, start=start, wait=wait)
        rows = table["configuration"]["sample_size"]
        return SyntheticDataset(generator.data.sample(n=rows, replace=True, random_state=config.get("random_state")))
