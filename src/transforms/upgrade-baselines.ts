/**
 * The stock ECS base job templates of prefect-aws 0.3.1 and 0.4.14 (pydantic 1
 * schemas, descriptions in our own words). `upgrade` compares a template with
 * the one it started from to tell the user's changes from the stock parts.
 */
import type { UpgradeSource } from './upgrade.js';

/** The credential block definitions that both releases ship unchanged. */
const PRE_PYDANTIC_2_DEFINITIONS: Record<string, Record<string, unknown>> = {
  "AwsClientParameters": {
    "title": "AwsClientParameters",
    "description": "Extra settings for building the boto3 client (see the [boto3 session reference](https://boto3.amazonaws.com/v1/documentation/api/latest/reference/core/session.html)).\n\nFields:\n  api_version: API version to request. Botocore picks the newest one, so set\n    this only to pin an older version.\n  use_ssl: Whether to connect over SSL, which is on by default. Some services\n    do not accept plain connections.\n  verify: Whether to check SSL certificates, which is on by default. When\n    false, SSL is still used (unless use_ssl is false) but certificates are\n    not checked. Passing a file path here is deprecated.\n  verify_cert_path: CA certificate bundle to use in place of botocore's own.\n  endpoint_url: Full URL for the client, with its http or https scheme, in\n    place of the one botocore builds. When set, use_ssl is ignored.\n  config: Advanced botocore client settings (see the [botocore config reference](https://botocore.amazonaws.com/v1/documentation/api/latest/reference/config.html)).",
    "type": "object",
    "properties": {
      "api_version": {
        "title": "API Version",
        "description": "API version for the client.",
        "type": "string"
      },
      "use_ssl": {
        "title": "Use SSL",
        "description": "Whether the client connects over SSL.",
        "default": true,
        "type": "boolean"
      },
      "verify": {
        "title": "Verify",
        "description": "Whether the client checks SSL certificates.",
        "default": true,
        "anyOf": [
          {
            "type": "boolean"
          },
          {
            "type": "string",
            "format": "file-path"
          }
        ]
      },
      "verify_cert_path": {
        "title": "Certificate Authority Bundle File Path",
        "description": "Path to a CA certificate bundle.",
        "format": "file-path",
        "type": "string"
      },
      "endpoint_url": {
        "title": "Endpoint URL",
        "description": "Full endpoint URL for the client.",
        "type": "string"
      },
      "config": {
        "title": "Botocore Config",
        "description": "Advanced botocore client settings.",
        "type": "object"
      }
    }
  },
  "AwsCredentials": {
    "title": "AwsCredentials",
    "description": "Block that stores how to authenticate with AWS. Authentication goes through boto3, and the [boto3 credentials guide](https://boto3.amazonaws.com/v1/documentation/api/latest/guide/credentials.html) lists the supported setups.",
    "type": "object",
    "properties": {
      "aws_access_key_id": {
        "title": "AWS Access Key ID",
        "description": "AWS access key ID to use.",
        "type": "string"
      },
      "aws_secret_access_key": {
        "title": "AWS Access Key Secret",
        "description": "AWS secret access key to use.",
        "type": "string",
        "writeOnly": true,
        "format": "password"
      },
      "aws_session_token": {
        "title": "AWS Session Token",
        "description": "Session token for the AWS account, needed only with temporary credentials.",
        "type": "string"
      },
      "profile_name": {
        "title": "Profile Name",
        "description": "Named profile used to create the session.",
        "type": "string"
      },
      "region_name": {
        "title": "Region Name",
        "description": "AWS Region for new connections.",
        "type": "string"
      },
      "aws_client_parameters": {
        "title": "AWS Client Parameters",
        "description": "Extra settings for building the client.",
        "allOf": [
          {
            "$ref": "#/definitions/AwsClientParameters"
          }
        ]
      }
    },
    "block_type_slug": "aws-credentials",
    "secret_fields": [
      "aws_secret_access_key"
    ],
    "block_schema_references": {}
  }
};

export const UPGRADE_BASELINES: Record<UpgradeSource, Record<string, unknown>> = {
  '0.3.1': {
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
        "taskDefinition": "{{ task_definition_arn }}"
      },
      "configure_cloudwatch_logs": "{{ configure_cloudwatch_logs }}",
      "cloudwatch_logs_options": "{{ cloudwatch_logs_options }}",
      "stream_output": "{{ stream_output }}",
      "task_start_timeout_seconds": "{{ task_start_timeout_seconds }}",
      "task_watch_poll_interval": "{{ task_watch_poll_interval }}",
      "auto_deregister_task_definition": "{{ auto_deregister_task_definition }}",
      "vpc_id": "{{ vpc_id }}",
      "container_name": "{{ container_name }}",
      "cluster": "{{ cluster }}"
    },
    "variables": {
      "type": "object",
      "properties": {
        "name": {
          "title": "Name",
          "description": "Name the worker gives to the infrastructure it creates.",
          "type": "string"
        },
        "env": {
          "title": "Environment Variables",
          "description": "Environment variables for the run. They are applied to the Prefect container when the task starts and are not stored in the task definition.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "labels": {
          "title": "Labels",
          "description": "Labels the worker puts on the infrastructure it creates.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "command": {
          "title": "Command",
          "description": "Command that starts the flow run. Usually left empty so that the worker builds it.",
          "type": "string"
        },
        "task_definition_arn": {
          "title": "Task Definition Arn",
          "description": "Identifier of an existing task definition to run. When set, the task definition in the job configuration and every option that would change it are ignored.",
          "type": "string"
        },
        "aws_credentials": {
          "title": "AWS Credentials",
          "description": "AWS credentials for the ECS API calls. When empty, boto3 looks for credentials in the local environment in its usual order.",
          "allOf": [
            {
              "$ref": "#/definitions/AwsCredentials"
            }
          ]
        },
        "cluster": {
          "title": "Cluster",
          "description": "Name or ARN of the ECS cluster that runs the task. When empty, the account's default cluster is used.",
          "type": "string"
        },
        "family": {
          "title": "Family",
          "description": "Task definition family. When empty, it is taken from the task definition or, failing that, generated, with the flow and deployment names when they are known. The value is slugified to fit the characters AWS allows.",
          "type": "string"
        },
        "launch_type": {
          "title": "Launch Type",
          "description": "Infrastructure type for the ECS task. FARGATE_SPOT is not a real ECS launch type, so choosing it makes the worker send a matching capacity provider strategy instead.",
          "default": "FARGATE",
          "enum": [
            "FARGATE",
            "EC2",
            "EXTERNAL",
            "FARGATE_SPOT"
          ],
          "type": "string"
        },
        "image": {
          "title": "Image",
          "description": "Image for the Prefect container. A non-null value replaces the image in the task definition. By default, a Prefect base image that matches the local versions is used.",
          "type": "string"
        },
        "cpu": {
          "title": "CPU",
          "description": "CPU units for the ECS task, from the sizes that AWS documents. When empty, 1024 is used unless the task definition sets a value.",
          "type": "integer"
        },
        "memory": {
          "title": "Memory",
          "description": "Memory for the ECS task, from the sizes that AWS documents. When empty, 2048 is used unless the task definition sets a value.",
          "type": "integer"
        },
        "container_name": {
          "title": "Container Name",
          "description": "Container in which the flow run is orchestrated. When empty, the container named prefect is used, or the first container if the task definition has none by that name.",
          "type": "string"
        },
        "task_role_arn": {
          "title": "Task Role ARN",
          "description": "IAM role attached to the task. It sets what the task may do while it runs.",
          "type": "string"
        },
        "execution_role_arn": {
          "title": "Execution Role ARN",
          "description": "IAM role used to start the task. It sets what may be done on the task's behalf while it launches, and a non-null value replaces the one in the task definition. Container logs can only be collected when this role is set.",
          "type": "string"
        },
        "vpc_id": {
          "title": "VPC ID",
          "description": "VPC for the task when it uses the awsvpc network mode. Fargate tasks always use awsvpc, while EC2 tasks default to bridge. With awsvpc and no value here, the default VPC is used, and the run fails if there is none.",
          "type": "string"
        },
        "configure_cloudwatch_logs": {
          "title": "Configure Cloudwatch Logs",
          "description": "When on, the Prefect container sends its output to CloudWatch Logs. The execution role must then allow logs:CreateLogStream, logs:CreateLogGroup and logs:PutLogEvents. Off by default unless `stream_output` is set.",
          "type": "boolean"
        },
        "cloudwatch_logs_options": {
          "title": "Cloudwatch Logs Options",
          "description": "Extra awslogs driver options, or replacements for the defaults, used when `configure_cloudwatch_logs` is on. The [AWS documentation](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html) lists the options.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "stream_output": {
          "title": "Stream Output",
          "description": "When on, the Prefect container's logs are streamed to the local console. Unless the task definition already sets up CloudWatch logging, this needs the same setup as `configure_cloudwatch_logs`.",
          "type": "boolean"
        },
        "task_start_timeout_seconds": {
          "title": "Task Start Timeout Seconds",
          "description": "How long to wait for the ECS task to reach RUNNING before the run is marked as failed.",
          "default": 300,
          "type": "integer"
        },
        "task_watch_poll_interval": {
          "title": "Task Watch Poll Interval",
          "description": "Delay between AWS API calls while the worker watches the ECS task's state.",
          "default": 5,
          "type": "number"
        },
        "auto_deregister_task_definition": {
          "title": "Auto Deregister Task Definition",
          "description": "When on, task definitions registered by this block are deregistered afterwards. Task definitions given by ARN are never deregistered. Deregistering only marks a definition INACTIVE and does not delete it from the account.",
          "default": false,
          "type": "boolean"
        }
      },
      "definitions": {
        "AwsClientParameters": PRE_PYDANTIC_2_DEFINITIONS.AwsClientParameters,
        "AwsCredentials": PRE_PYDANTIC_2_DEFINITIONS.AwsCredentials
      }
    }
  },
  '0.4.14': {
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
      "stream_output": "{{ stream_output }}",
      "task_start_timeout_seconds": "{{ task_start_timeout_seconds }}",
      "task_watch_poll_interval": "{{ task_watch_poll_interval }}",
      "auto_deregister_task_definition": "{{ auto_deregister_task_definition }}",
      "vpc_id": "{{ vpc_id }}",
      "container_name": "{{ container_name }}",
      "cluster": "{{ cluster }}",
      "match_latest_revision_in_family": "{{ match_latest_revision_in_family }}"
    },
    "variables": {
      "description": "Template variables for an ECS job.",
      "type": "object",
      "properties": {
        "name": {
          "title": "Name",
          "description": "Name the worker gives to the infrastructure it creates.",
          "type": "string"
        },
        "env": {
          "title": "Environment Variables",
          "description": "Environment variables for the run. They are applied to the Prefect container when the task starts and are not stored in the task definition.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "labels": {
          "title": "Labels",
          "description": "Labels the worker puts on the infrastructure it creates.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "command": {
          "title": "Command",
          "description": "Command that starts the flow run. Usually left empty so that the worker builds it.",
          "type": "string"
        },
        "task_definition_arn": {
          "title": "Task Definition Arn",
          "description": "Identifier of an existing task definition to run. When set, the task definition in the job configuration and every option that would change it are ignored.",
          "type": "string"
        },
        "aws_credentials": {
          "title": "AWS Credentials",
          "description": "AWS credentials for the ECS API calls. When empty, boto3 looks for credentials in the local environment in its usual order.",
          "allOf": [
            {
              "$ref": "#/definitions/AwsCredentials"
            }
          ]
        },
        "cluster": {
          "title": "Cluster",
          "description": "Name or ARN of the ECS cluster that runs the task. When empty, the account's default cluster is used.",
          "type": "string"
        },
        "family": {
          "title": "Family",
          "description": "Task definition family. When empty, it is taken from the task definition or, failing that, generated, with the flow and deployment names when they are known. The value is slugified to fit the characters AWS allows.",
          "type": "string"
        },
        "launch_type": {
          "title": "Launch Type",
          "description": "Infrastructure type for the ECS task. FARGATE_SPOT is not a real ECS launch type, so choosing it makes the worker send a matching capacity provider strategy instead.",
          "default": "FARGATE",
          "enum": [
            "FARGATE",
            "EC2",
            "EXTERNAL",
            "FARGATE_SPOT"
          ],
          "type": "string"
        },
        "capacity_provider_strategy": {
          "title": "Capacity Provider Strategy",
          "description": "Capacity provider strategy for the task. When a strategy is given, the chosen launch type is ignored.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/CapacityProvider"
          }
        },
        "image": {
          "title": "Image",
          "description": "Image for the Prefect container. A non-null value replaces the image in the task definition. By default, a Prefect base image that matches the local versions is used.",
          "type": "string"
        },
        "cpu": {
          "title": "CPU",
          "description": "CPU units for the ECS task, from the sizes that AWS documents. When empty, 1024 is used unless the task definition sets a value.",
          "type": "integer"
        },
        "memory": {
          "title": "Memory",
          "description": "Memory for the ECS task, from the sizes that AWS documents. When empty, 2048 is used unless the task definition sets a value.",
          "type": "integer"
        },
        "container_name": {
          "title": "Container Name",
          "description": "Container in which the flow run is orchestrated. When empty, the container named prefect is used, or the first container if the task definition has none by that name.",
          "type": "string"
        },
        "task_role_arn": {
          "title": "Task Role ARN",
          "description": "IAM role attached to the task. It sets what the task may do while it runs.",
          "type": "string"
        },
        "execution_role_arn": {
          "title": "Execution Role ARN",
          "description": "IAM role used to start the task. It sets what may be done on the task's behalf while it launches, and a non-null value replaces the one in the task definition. Container logs can only be collected when this role is set.",
          "type": "string"
        },
        "vpc_id": {
          "title": "VPC ID",
          "description": "VPC for the task when it uses the awsvpc network mode. Fargate tasks always use awsvpc, while EC2 tasks default to bridge. With awsvpc and no value here, the default VPC is used, and the run fails if there is none.",
          "type": "string"
        },
        "configure_cloudwatch_logs": {
          "title": "Configure Cloudwatch Logs",
          "description": "When on, the Prefect container sends its output to CloudWatch Logs. The execution role must then allow logs:CreateLogStream, logs:CreateLogGroup and logs:PutLogEvents. Off by default unless `stream_output` is set.",
          "type": "boolean"
        },
        "cloudwatch_logs_options": {
          "title": "Cloudwatch Logs Options",
          "description": "Extra awslogs driver options, or replacements for the defaults, used when `configure_cloudwatch_logs` is on. The [AWS documentation](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html) lists the options.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "cloudwatch_logs_prefix": {
          "title": "Cloudwatch Logs Prefix",
          "description": "Log group prefix used when `configure_cloudwatch_logs` is on. Defaults to `prefect-logs_<work_pool_name>_<deployment_id>`, and is ignored when the CloudWatch logs options contain `awslogs-stream-prefix`.",
          "type": "string"
        },
        "network_configuration": {
          "title": "Network Configuration",
          "description": "Replaces the awsvpcConfiguration that the ECS worker builds for the task. The [AWS documentation](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-service-awsvpcconfiguration.html) lists the options.",
          "type": "object"
        },
        "stream_output": {
          "title": "Stream Output",
          "description": "When on, the Prefect container's logs are streamed to the local console. Unless the task definition already sets up CloudWatch logging, this needs the same setup as `configure_cloudwatch_logs`.",
          "type": "boolean"
        },
        "task_start_timeout_seconds": {
          "title": "Task Start Timeout Seconds",
          "description": "How long to wait for the ECS task to reach RUNNING before the run is marked as failed.",
          "default": 300,
          "type": "integer"
        },
        "task_watch_poll_interval": {
          "title": "Task Watch Poll Interval",
          "description": "Delay between AWS API calls while the worker watches the ECS task's state.",
          "default": 5,
          "type": "number"
        },
        "auto_deregister_task_definition": {
          "title": "Auto Deregister Task Definition",
          "description": "When on, task definitions registered by this block are deregistered afterwards. Task definitions given by ARN are never deregistered. Deregistering only marks a definition INACTIVE and does not delete it from the account.",
          "default": false,
          "type": "boolean"
        },
        "match_latest_revision_in_family": {
          "title": "Match Latest Revision In Family",
          "description": "When on, the newest active revision in the family is compared with the task definition the job needs and reused if they match, so no new revision is registered. Without a family, the family \"prefect\" is used.",
          "default": false,
          "type": "boolean"
        }
      },
      "definitions": {
        "AwsClientParameters": PRE_PYDANTIC_2_DEFINITIONS.AwsClientParameters,
        "AwsCredentials": PRE_PYDANTIC_2_DEFINITIONS.AwsCredentials,
        "CapacityProvider": {
          "title": "CapacityProvider",
          "description": "Capacity provider strategy for running the task.",
          "type": "object",
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
          ]
        }
      }
    }
  },
};
