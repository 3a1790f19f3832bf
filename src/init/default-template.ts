/**
 * The base job template that `prefect work-pool get-default-base-job-template
 * --type ecs` prints with prefect-aws 0.7.11, with descriptions in our own
 * words. `prefect-ecs-lint init` prints it and the presets start from it.
 */
export const DEFAULT_TEMPLATE: Record<string, unknown> = {
  "job_configuration": {
    "command": "{{ command }}",
    "env": "{{ env }}",
    "labels": "{{ labels }}",
    "name": "{{ name }}",
    "aws_credentials": "{{ aws_credentials }}",
    "task_definition": {
      "containerDefinitions": [
        {
          "image": "{{ image }}",
          "name": "{{ container_name }}"
        }
      ],
      "cpu": "{{ cpu }}",
      "family": "{{ family }}",
      "memory": "{{ memory }}",
      "executionRoleArn": "{{ execution_role_arn }}"
    },
    "task_run_request": {
      "launchType": "{{ launch_type }}",
      "cluster": "{{ cluster }}",
      "overrides": {
        "containerOverrides": [
          {
            "name": "{{ container_name }}",
            "command": "{{ command }}",
            "environment": "{{ env }}",
            "cpu": "{{ cpu }}",
            "memory": "{{ memory }}"
          }
        ],
        "cpu": "{{ cpu }}",
        "memory": "{{ memory }}",
        "taskRoleArn": "{{ task_role_arn }}"
      },
      "tags": "{{ labels }}",
      "taskDefinition": "{{ task_definition_arn }}",
      "capacityProviderStrategy": "{{ capacity_provider_strategy }}"
    },
    "configure_cloudwatch_logs": "{{ configure_cloudwatch_logs }}",
    "cloudwatch_logs_options": "{{ cloudwatch_logs_options }}",
    "cloudwatch_logs_prefix": "{{ cloudwatch_logs_prefix }}",
    "network_configuration": "{{ network_configuration }}",
    "stream_output": false,
    "task_start_timeout_seconds": 0,
    "task_watch_poll_interval": 0,
    "auto_deregister_task_definition": "{{ auto_deregister_task_definition }}",
    "vpc_id": "{{ vpc_id }}",
    "container_name": "{{ container_name }}",
    "cluster": "{{ cluster }}",
    "match_latest_revision_in_family": "{{ match_latest_revision_in_family }}",
    "prefect_api_key_secret_arn": "{{ prefect_api_key_secret_arn }}",
    "prefect_api_auth_string_secret_arn": "{{ prefect_api_auth_string_secret_arn }}",
    "execution_role_arn": "{{ execution_role_arn }}"
  },
  "variables": {
    "description": "Template variables for an ECS job.",
    "properties": {
      "name": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Name of the infrastructure the worker creates.",
        "title": "Name"
      },
      "env": {
        "additionalProperties": {
          "anyOf": [
            {
              "type": "string"
            },
            {
              "type": "null"
            }
          ]
        },
        "description": "Environment variables applied to the Prefect container through overrides, not stored in the task definition.",
        "title": "Environment Variables",
        "type": "object"
      },
      "labels": {
        "additionalProperties": {
          "type": "string"
        },
        "description": "Labels on the infrastructure the worker creates.",
        "title": "Labels",
        "type": "object"
      },
      "command": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Command that starts the flow run, normally left empty.",
        "title": "Command"
      },
      "task_definition_arn": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Existing task definition to run. The templated task_definition is then ignored.",
        "title": "Task Definition ARN"
      },
      "aws_credentials": {
        "$ref": "#/definitions/AwsCredentials",
        "description": "Credentials for the ECS API calls. The boto3 default credential chain is used when empty.",
        "title": "AWS Credentials"
      },
      "cluster": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Cluster name or ARN. The account's default cluster is used when empty.",
        "title": "Cluster"
      },
      "family": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Task definition family, generated when empty.",
        "title": "Family"
      },
      "launch_type": {
        "default": "FARGATE",
        "description": "Launch type. FARGATE_SPOT is sent as a capacity provider strategy.",
        "enum": [
          "FARGATE",
          "EC2",
          "EXTERNAL",
          "FARGATE_SPOT"
        ],
        "title": "Launch Type",
        "type": "string"
      },
      "capacity_provider_strategy": {
        "description": "Capacity provider strategy. When it is set, the launch type is left out.",
        "items": {
          "$ref": "#/definitions/CapacityProvider"
        },
        "title": "Capacity Provider Strategy",
        "type": "array"
      },
      "image": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Prefect container image, a prefecthq/prefect image by default.",
        "title": "Image"
      },
      "cpu": {
        "anyOf": [
          {
            "type": "integer"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Task CPU units, 1024 when empty.",
        "title": "CPU"
      },
      "memory": {
        "anyOf": [
          {
            "type": "integer"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Task memory in MiB, 2048 when empty.",
        "title": "Memory"
      },
      "container_name": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Name of the container that runs the flow: 'prefect' by default, else the first container.",
        "title": "Container Name"
      },
      "prefect_api_key_secret_arn": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "ARN of a secret that is passed to the container as PREFECT_API_KEY.",
        "title": "Prefect API Key Secret ARN"
      },
      "prefect_api_auth_string_secret_arn": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "ARN of a secret that is passed to the container as PREFECT_API_AUTH_STRING.",
        "title": "Prefect API Auth String Secret ARN"
      },
      "task_role_arn": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "IAM role the task runs with.",
        "title": "Task Role ARN"
      },
      "execution_role_arn": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "IAM role that ECS uses to start the task. CloudWatch logging needs it.",
        "title": "Execution Role ARN"
      },
      "vpc_id": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "VPC for awsvpc networking. The default VPC is used when empty.",
        "title": "VPC ID"
      },
      "configure_cloudwatch_logs": {
        "anyOf": [
          {
            "type": "boolean"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Adds an awslogs log configuration, which needs an execution role.",
        "title": "Configure Cloudwatch Logs"
      },
      "cloudwatch_logs_options": {
        "additionalProperties": {
          "type": "string"
        },
        "description": "Additional or replacement awslogs options.",
        "title": "Cloudwatch Logs Options",
        "type": "object"
      },
      "cloudwatch_logs_prefix": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "default": null,
        "description": "Stream prefix for awslogs.",
        "title": "Cloudwatch Logs Prefix"
      },
      "network_configuration": {
        "additionalProperties": true,
        "description": "Replacement awsvpcConfiguration (subnets, securityGroups, assignPublicIp). Needs vpc_id.",
        "title": "Network Configuration",
        "type": "object"
      },
      "auto_deregister_task_definition": {
        "default": false,
        "description": "Marks newly registered task definitions so that they get deregistered.",
        "title": "Auto Deregister Task Definition",
        "type": "boolean"
      },
      "match_latest_revision_in_family": {
        "default": false,
        "description": "Reuses the newest revision in the family when it is identical.",
        "title": "Match Latest Revision In Family",
        "type": "boolean"
      }
    },
    "type": "object",
    "definitions": {
      "AssumeRoleParameters": {
        "description": "Additional parameters for the STS AssumeRole request.",
        "properties": {
          "RoleSessionName": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Name of the role session.",
            "title": "Role Session Name"
          },
          "DurationSeconds": {
            "anyOf": [
              {
                "type": "integer"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Session length in seconds, from 900 to 43200.",
            "title": "Duration Seconds"
          },
          "Policy": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Inline session policy as JSON.",
            "title": "Policy"
          },
          "PolicyArns": {
            "anyOf": [
              {
                "items": {
                  "additionalProperties": {
                    "type": "string"
                  },
                  "type": "object"
                },
                "type": "array"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "ARNs of managed session policies.",
            "title": "Policy ARNs"
          },
          "Tags": {
            "anyOf": [
              {
                "items": {
                  "additionalProperties": {
                    "type": "string"
                  },
                  "type": "object"
                },
                "type": "array"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Tags for the session.",
            "title": "Tags"
          },
          "TransitiveTagKeys": {
            "anyOf": [
              {
                "items": {
                  "type": "string"
                },
                "type": "array"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Session tag keys that stay set on chained roles.",
            "title": "Transitive Tag Keys"
          },
          "ExternalId": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "External ID that the role expects.",
            "title": "External ID"
          },
          "SerialNumber": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Serial number of the MFA device.",
            "title": "Serial Number"
          },
          "TokenCode": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Code shown by the MFA device.",
            "title": "Token Code"
          },
          "SourceIdentity": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Source identity for the session.",
            "title": "Source Identity"
          },
          "ProvidedContexts": {
            "anyOf": [
              {
                "items": {
                  "additionalProperties": {
                    "type": "string"
                  },
                  "type": "object"
                },
                "type": "array"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Context assertions given to the session.",
            "title": "Provided Contexts"
          }
        },
        "title": "AssumeRoleParameters",
        "type": "object"
      },
      "AwsClientParameters": {
        "description": "Additional boto3 client settings: API version, SSL, endpoint and botocore config.",
        "properties": {
          "api_version": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "API version for the client.",
            "title": "API Version"
          },
          "use_ssl": {
            "default": true,
            "description": "Whether to connect over SSL.",
            "title": "Use SSL",
            "type": "boolean"
          },
          "verify": {
            "anyOf": [
              {
                "type": "boolean"
              },
              {
                "format": "file-path",
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Whether to check SSL certificates.",
            "title": "Verify"
          },
          "verify_cert_path": {
            "anyOf": [
              {
                "format": "file-path",
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Path to the CA bundle.",
            "title": "Certificate Authority Bundle File Path"
          },
          "endpoint_url": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Endpoint URL to use in place of the default one.",
            "title": "Endpoint URL"
          },
          "config": {
            "anyOf": [
              {
                "additionalProperties": true,
                "type": "object"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Options for the botocore Config object.",
            "title": "Botocore Config"
          }
        },
        "title": "AwsClientParameters",
        "type": "object"
      },
      "AwsCredentials": {
        "block_schema_references": {},
        "block_type_slug": "aws-credentials",
        "description": "AWS credentials block that holds boto3 session settings.",
        "properties": {
          "aws_access_key_id": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "ID of the AWS access key.",
            "title": "AWS Access Key ID"
          },
          "aws_secret_access_key": {
            "anyOf": [
              {
                "format": "password",
                "type": "string",
                "writeOnly": true
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "AWS secret access key.",
            "title": "AWS Access Key Secret"
          },
          "aws_session_token": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Session token, for temporary credentials.",
            "title": "AWS Session Token"
          },
          "profile_name": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Named profile for the session.",
            "title": "Profile Name"
          },
          "region_name": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "Region for the session.",
            "title": "Region Name"
          },
          "aws_client_parameters": {
            "$ref": "#/definitions/AwsClientParameters",
            "description": "Additional client settings.",
            "title": "AWS Client Parameters"
          },
          "assume_role_arn": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "default": null,
            "description": "ARN of a role to assume.",
            "title": "Assume Role ARN"
          },
          "assume_role_kwargs": {
            "$ref": "#/definitions/AssumeRoleParameters",
            "description": "Additional AssumeRole parameters.",
            "title": "Assume Role Parameters"
          }
        },
        "secret_fields": [
          "aws_secret_access_key"
        ],
        "title": "AwsCredentials",
        "type": "object"
      },
      "CapacityProvider": {
        "description": "A single item of a capacity provider strategy.",
        "properties": {
          "capacityProvider": {
            "title": "Capacityprovider",
            "type": "string"
          },
          "weight": {
            "title": "Weight",
            "type": "integer"
          },
          "base": {
            "title": "Base",
            "type": "integer"
          }
        },
        "required": [
          "capacityProvider",
          "weight",
          "base"
        ],
        "title": "CapacityProvider",
        "type": "object"
      }
    }
  }
};

/** A fresh copy that callers may change. */
export function defaultTemplate(): Record<string, unknown> {
  return structuredClone(DEFAULT_TEMPLATE);
}
