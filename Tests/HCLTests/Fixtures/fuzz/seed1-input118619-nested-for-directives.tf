terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.11.0"
    }
  }
}

# account 1 provider
provider "aws" {
  profile = "smx-temp"
  region  = "us-west-2"
}

# account 2 provider
provider "aws" {
 profile = "crossaccount"
 region  = "us-west-2"
 alias   = "crossaccount"
}

data "aws_caller_identity" "current" {
  provider = aws.crossaccount
}

variable "region" {}

variable "custom_domain_name_prefix" {}

variable "domain_name" {}

resource "aws_lb" "public_alb" {
  name               = "public-alb-test"
  internal           = false
  load_balancer_type = "application"
  security_groups    = [aws_security_group.allow_https.id]
  subnets            = [aws_subnet.public_subnet.id,aws_subnet.public_subnet2.id]
}

resource "aws_lb_target_group" "test" {
  name     = "tf-example-lb-tg"
  port     = 443
  protocol = "HTTPS"
  target_type = "ip"
  vpc_id   = aws_vpc.vpc.id

  health_check {
    matcher     = "200,403"
    port        = 443
  }
}

resource "aws_lb_target_group_attachment" "nic01" {
  target_group_arn = aws_lb_target_group.test.arn
  target_id        = data.aws_network_interface.nic1.private_ip
  port             = 443
}

resource "aws_lb_listener" "front_end" {
  load_balancer_arn = aws_lb.public_alb.arn
  port              = "443"
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = aws_acm_certificate.cert.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.test.arn
  }
}

resource "aws_acm_certificate" "cert" {
  domain_name       = "${var.custom_domain_name_prefix}.${var.domain_name}"
  validation_method = "DNS"
}

data "aws_route53_zone" "r53" {
  name         = "${var.domain_name}"
  private_zone = false
}

resource "aws_route53_record" "cert_record" {
  for_each = {
    for dvo in aws_acm_certificate.cert.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  name            = each.value.name
  records         = [each.value.record]
  ttl             = 60
  type            = each.value.type
  zone_id         = data.aws_route53_zone.r53.zone_id
}

resource "aws_acm_certificate_validation" "validation" {
  certificate_arn         = aws_acm_certificate.cert.arn
  validation_record_fqdns = [for record in aws_route53_record.cert_record : record.fqdn]
}

resource "aws_route53_record" "record" {
  zone_id = data.aws_route53_zone.r53.zone_id
  name    = "${var.custom_domain_name_prefix}"
  type    = "CNAME"
  ttl     = "300"
  records = [aws_lb.public_alb.dns_name]
}

resource "aws_lambda_permission" "apigw_lambda" {
  statement_id  = "AllowExecutionFromAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.lambda.function_name
  principal     = "apigateway.amazonaws.com"

  source_arn = "${aws_api_gateway_deployment.deploy.execution_arn}*/${aws_api_gateway_method.get.http_method}/"
  provider = aws.crossaccount
}

resource "aws_lambda_function" "lambda" {
  filename      = "code.zip"
  function_name = "mylambda"
  role          = aws_iam_role.role.arn
  handler       = "lambda_function.lambda_handler"
  runtime       = "python3.9"

  source_code_hash = filebase64sha256("code.zip")
  provider = aws.crossaccount
}

resource "aws_iam_role" "role" {
  name = "myrole"

  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": "sts:AssumeRole",
      "Principal": {
        "Service": "lambda.amazonaws.com"
      },
      "Effect": "Allow",
      "Sid": ""
    }
  ]
}
POLICY
provider = aws.crossaccount
}

resource "aws_vpc" "vpc" {
  cidr_block = "20.0.0.0/16"
  enable_dns_hostnames = "true"
}

resource "aws_subnet" "private_subnet" {
  vpc_id = aws_vpc.vpc.id
  cidr_block = "20.0.0.0/24"
  availability_zone = "${var.region}a"
  tags = {
    Name = "Subnet for ${var.region}a"
  }
}

resource "aws_subnet" "public_subnet" {
  cidr_block = "20.0.1.0/24"
  vpc_id = aws_vpc.vpc.id
  availability_zone = "${var.region}a"
  tags = {
    Name = "Subnet for ${var.region}a"
  }
}

resource "aws_subnet" "public_subnet2" {
  cidr_block = "20.0.2.0/24"
  vpc_id = aws_vpc.vpc.id
  availability_zone = "${var.region}c"
  tags = {
    Name = "Subnet for ${var.region}c"
  }
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.vpc.id

  tags = {
    Name = "igw"
  }
}

resource "aws_route_table" "private_rt" {
  vpc_id = aws_vpc.vpc.id

  tags = {
    Name = "private_rt"
  }
}

resource "aws_route_table" "public_rt" {
  vpc_id = aws_vpc.vpc.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }

  tags = {
    Name = "public_%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}%{for v in [1, 2]}x%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}%{endfor}rt"
  }
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.private_subnet.id
  route_table_id = aws_route_table.private_rt.id
}

resource "aws_route_table_association" "b" {
  subnet_id      = aws_subnet.public_subnet.id
  route_table_id = aws_route_table.public_rt.id
}

resource "aws_route_table_association" "c" {
  subnet_id      = aws_subnet.public_subnet2.id
  route_table_id = aws_route_table.public_rt.id
}

resource "aws_security_group" "allow_https" {
  name        = "allow_https"
  description = "Allow HTTPS inbound traffic"
  vpc_id      = aws_vpc.vpc.id

  ingress {
    description      = "HTTPS from VPC"
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  tags = {
    Name = "allow_https"
  }
}

resource "aws_vpc_endpoint" "execute_api" {
  vpc_id            = aws_vpc.vpc.id
  service_name      = "com.amazonaws.${var.region}.execute-api"
  vpc_endpoint_type = "Interface"

  security_group_ids = [
    aws_security_group.allow_https.id,
  ]

  subnet_ids        = [aws_subnet.private_subnet.id]
  private_dns_enabled = true
}

data "aws_network_interface" "nic1" {
  id = tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]
}

resource "aws_api_gateway_rest_api" "private_api" {
    name = "private_api"

    endpoint_configuration {
        types = ["PRIVATE"]
        vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id]
    }
    provider = aws.crossaccount
}

resource "aws_api_gateway_method" "get" {
    authorization = "NONE"
    http_method   = "GET"
    resource_id   = aws_api_gateway_rest_api.private_api.root_resource_id
    rest_api_id   = aws_api_gateway_rest_api.private_api.id
    provider = aws.crossaccount
}

resource "aws_api_gateway_integration" "lambda_proxy" {
    rest_api_id             = aws_api_gateway_rest_api.private_api.id
    resource_id             = aws_api_gateway_rest_api.private_api.root_resource_id
    http_method             = aws_api_gateway_method.get.http_method
    integration_http_method = "POST"
    type                    = "AWS_PROXY"
    uri                     = aws_lambda_function.lambda.invoke_arn
    provider = aws.crossaccount
}

resource "aws_api_gateway_deployment" "deploy" {
    rest_api_id = aws_api_gateway_rest_api.private_api.id

  triggers = {
    # NOTE: The configuration below will satisfy ordering considerations,
    #       but not pick up all future REST API changes. More advanced patterns
    #       are possible, such as using the filesha1() function against the
    #       Terraform configuration file(s) or removing the .id references to
    #       calculate a hash against whole resources. Be aware that using whole
    #       resources will show a difference after the initial implementation.
    #       It will stabilize to only change when resources change afterwards.
    redeployment = sha1(jsonencode([
        aws_api_gateway_rest_api.private_api.root_resource_id,
        aws_api_gateway_method.get.id,
        aws_api_gateway_integration.lambda_proxy.id,
    ]))
  }

  lifecycle {
        create_before_destroy = true
  }
  provider = aws.crossaccount
}

resource "aws_api_gateway_stage" "dev" {
    deployment_id = aws_api_gateway_deployment.deploy.id
    rest_api_id   = aws_api_gateway_rest_api.private_api.id
    stage_name    = "dev"
    provider = aws.crossaccount
}

resource "aws_api_gateway_rest_api_policy" "policy" {
    rest_api_id   = aws_api_gateway_rest_api.private_api.id

  policy = <<EOF
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Deny",
            "Principal": "*",
            "Action": "execute-api:Invoke",
            "Resource": "${aws_api_gateway_rest_api.private_api.execution_arn}*",
            "Condition": {
                "StringNotEquals": {
                    "aws:sourceVpce": "${aws_vpc_endpoint.execute_api.id}"
                }
            }
        },
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "execute-api:Invoke",
            "Resource": "${aws_api_gateway_rest_api.private_api.execution_arn}*"
        }
    ]
}
EOF
    provider = aws.crossaccount
}

output "final_url" {
    value = "https://${var.custom_domain_name_prefix}.${var.domain_name}/${aws_api_gateway_stage.dev.stage_name} -H 'Host:${aws_api_gateway_rest_api.private_api.id}.execute-api.${var.region}.amazonaws.com'"
}
